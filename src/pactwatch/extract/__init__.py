"""Extraction: a spaCy pipeline of rule components that turns a Document into Records.

Flow (each step a spaCy component; see ``components.py``):
``pw_sentences`` -> ``pw_mentions`` -> ``pw_people`` -> ``pw_statements`` / ``pw_accords`` /
``pw_meetings`` / ``pw_mechanisms`` -> ``pw_records``.
"""
