"""The shared schema, engine and writes: the only place that talks to the database."""
