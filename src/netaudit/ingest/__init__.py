"""Reading LinkedIn exports and interaction logs: tolerant at the boundary, strict inside."""
