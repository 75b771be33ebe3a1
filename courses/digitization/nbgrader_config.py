"""nbgrader settings of the course: the suite's shared configuration (graders/config.py)."""

from graders.config import configure

configure(get_config(), __file__)  # get_config is provided by nbgrader's loader
