"""The model: typed maps built from positioned YAML (maps), the one reader of a corpus, the schema, the settings and the suppressions."""
