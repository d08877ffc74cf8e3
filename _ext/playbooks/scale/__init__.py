"""Build speed at scale: GC tuning, the -j rule, read order."""
