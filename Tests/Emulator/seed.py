"""Loads the demo project into a BigQuery emulator with Google's official Python client.

An independent writer: katalog only exports the demo as REST resources
(`katalog demo --export-bigquery`); everything here goes through google-cloud-bigquery.
Adds what the REST tests need beyond the demo: a dataset with more tables than one page,
dataset access entries and a table IAM binding.

Usage: seed.py ENDPOINT PROJECT DEMO_JSON
"""
import json
import sys

from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery

endpoint, project, demo_path = sys.argv[1], sys.argv[2], sys.argv[3]
client = bigquery.Client(project=project, credentials=AnonymousCredentials(),
                         client_options=ClientOptions(api_endpoint=endpoint))

with open(demo_path, encoding="utf-8") as f:
    demo = json.load(f)

for resource in demo["datasets"]:
    client.create_dataset(bigquery.Dataset.from_api_repr(resource), exists_ok=True)

def describe_columns(table_id, resource):
    """A view's columns come from its query; their descriptions are set afterwards, as teams do."""
    described = {f["name"]: f.get("description") for f in resource["schema"]["fields"] if f.get("description")}
    if not described:
        return
    table = client.get_table(table_id)
    table.schema = [bigquery.SchemaField(f.name, f.field_type, mode=f.mode, description=described.get(f.name, f.description),
                                         fields=f.fields) for f in table.schema]
    client.update_table(table, ["schema"])


# Tables before views, views in definition order (a view may read another view).
tables = sorted(demo["tables"], key=lambda t: t["type"] != "TABLE")
for resource in tables:
    reference = resource["tableReference"]
    table_id = f'{reference["projectId"]}.{reference["datasetId"]}.{reference["tableId"]}'
    if resource["type"] == "VIEW":
        table = bigquery.Table(table_id)
        table.view_query = resource["view"]["query"]
        table.description = resource.get("description")
        table.labels = resource.get("labels", {})
        table.friendly_name = resource.get("friendlyName")
        client.create_table(table, exists_ok=True)
        describe_columns(table_id, resource)
    elif resource["type"] == "MATERIALIZED_VIEW":
        client.query(f'CREATE MATERIALIZED VIEW `{table_id}` AS {resource["materializedView"]["query"]}').result()
        table = client.get_table(table_id)
        table.description = resource.get("description")
        table.labels = resource.get("labels", {})
        client.update_table(table, ["description", "labels"])
        describe_columns(table_id, resource)
    else:
        client.create_table(bigquery.Table.from_api_repr(resource), exists_ok=True)

# More tables than one page of a small maxResults.
paging = bigquery.Dataset(f"{project}.mange")
paging.location = "europe-north1"
paging.description = "120 tabeller for å teste sidevisning"
client.create_dataset(paging, exists_ok=True)
for n in range(120):
    client.create_table(bigquery.Table(f"{project}.mange.t_{n:03d}",
                                       schema=[bigquery.SchemaField("id", "INTEGER")]), exists_ok=True)

# Dataset access entries and a table IAM binding, as a team would have them.
dataset = client.get_dataset(f"{project}.dataprodukter")
entries = list(dataset.access_entries)
entries.append(bigquery.AccessEntry(role="READER", entity_type="groupByEmail", entity_id="team-statistikk@nav.no"))
dataset.access_entries = entries
client.update_dataset(dataset, ["access_entries"])

table = f"{project}.dataprodukter.vedtak_statistikk"
policy = client.get_iam_policy(table)
policy.bindings = [{"role": "roles/bigquery.dataViewer", "members": {"user:kari.nordmann@nav.no"}}]
client.set_iam_policy(table, policy)
print("seeded", len(demo["datasets"]) + 1, "datasets,", len(tables) + 120, "tables")
