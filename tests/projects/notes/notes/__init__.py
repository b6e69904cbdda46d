"""A new user's app: clients, forms and channels side by side, wired by
``mizan_clients("notes")`` alone."""
