"""Query stage: read-side functions over a store, shared by the CLI, the API and exports."""
