"""The RAD domain: models, the store, the bundled catalogue, progress and status rules."""
