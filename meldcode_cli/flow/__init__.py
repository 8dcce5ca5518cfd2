"""The flow format: model, YAML source with lines, schema errors, integrity, composition, loader, catalog."""
