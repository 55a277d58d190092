"""Files: article texts (saved pages and PDFs, extracted in a worker), their cache, quotes found in them, and the one writer of files."""
