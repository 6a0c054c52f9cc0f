"""Build: the pipeline, the registry of output kinds, workers, the up-to-date decision and the one store."""
