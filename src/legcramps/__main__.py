import sys

from legcramps.cli import main

sys.exit(main())
