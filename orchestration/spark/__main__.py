import sys

from orchestration.spark.cli import main

sys.exit(main())
