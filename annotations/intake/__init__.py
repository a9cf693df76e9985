"""Intake: fetch a page safely, extract its article, tell duplicates apart (no database writes)."""
