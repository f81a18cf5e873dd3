"""The assessment: rules, the engine that applies them, and the report model."""
