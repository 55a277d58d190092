"""The interfaces: the command line (cli, entry, commands, completion), the language server (lsp) and the library API (api)."""
