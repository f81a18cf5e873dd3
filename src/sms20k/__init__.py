"""sms20k: ISO/IEC 20000-1 gap assessments of cloud services."""

from __future__ import annotations

__version__ = "0.1.0"
