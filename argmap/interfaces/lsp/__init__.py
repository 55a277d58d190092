"""`argmap lsp`: a language server over stdio, built on pygls (the optional `lsp` extra).

server.py wires the LSP messages to small modules: workspace.py (each corpus directory's registries and
other maps' facts, cached), diagnostics.py, completion.py, hover.py, navigation.py and actions.py; text.py
holds the position arithmetic they share. Nothing here is imported unless `argmap lsp` runs.
"""
