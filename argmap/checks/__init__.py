"""The checks: the one pipeline (engine), each kind of check, its cache, and the fixes that need no judgement."""
