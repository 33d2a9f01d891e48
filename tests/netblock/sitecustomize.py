"""Loaded by every Python process the tests start (it is on their PYTHONPATH): any attempt
to reach a host other than loopback fails at once, so a download attempt fails the test
instead of hanging or passing by luck."""

import socket

_LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0", None}
MESSAGE = "network access blocked by the l10n test suite"


def _check(address) -> None:
    if isinstance(address, tuple) and address and address[0] not in _LOOPBACK:
        raise OSError(f"{MESSAGE}: {address[0]}")


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self, address):
    _check(address)
    return _connect(self, address)


def _guarded_connect_ex(self, address):
    _check(address)
    return _connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if isinstance(host, bytes):
        host = host.decode()
    if host not in _LOOPBACK:
        raise socket.gaierror(socket.EAI_NONAME, f"{MESSAGE}: {host}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
socket.getaddrinfo = _guarded_getaddrinfo
