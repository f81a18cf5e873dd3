from __future__ import annotations

from sms20k.cli import console_entry

if __name__ == "__main__":
    console_entry()
