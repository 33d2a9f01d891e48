"""Exchange formats other tools speak: TMX (translation memories) and XLIFF (bilingual files
for CAT tools). Each module reads and writes its format and knows nothing of the project."""
