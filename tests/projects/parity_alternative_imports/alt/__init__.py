"""Fixture: what runs is the `try` body and the first branch of an `if`; a
handler or a later branch binds only names they left unbound."""
