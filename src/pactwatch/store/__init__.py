"""The knowledge base: SQLAlchemy Core tables, engines (SQLite, PostgreSQL), Alembic
migrations, writing extractions and reading typed views. Use it through
``pactwatch.register.Register``."""
