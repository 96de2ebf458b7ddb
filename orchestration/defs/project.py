"""The dbt project as Dagster sees it.

The manifest is prepared at setup time (`make setup` runs `dbt parse`); only under
`dagster dev` is it re-parsed on load, so edits to models show up while developing.
"""

from dagster_dbt import DbtProject

from orchestration.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()
