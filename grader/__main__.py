"""`python -m grader` is the same as `grade`."""

import sys

from .cli import main

sys.exit(main())
