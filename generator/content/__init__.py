"""Content: the YAML source with positions, the model, the loader and the checks."""
