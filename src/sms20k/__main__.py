from __future__ import annotations

from sms20k.cli import main

if __name__ == "__main__":
    main()
