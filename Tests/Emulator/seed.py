"""Loads the demo project into a BigQuery emulator with Google's official Python client.

An independent writer: katalog only exports the demo as REST resources
(`katalog demo --export-bigquery`); everything here goes through google-cloud-bigquery.
Adds what the REST tests need beyond the demo: a dataset with more tables than one page,
dataset access entries and a table IAM binding.

With --ascii (for bqemulator, which refuses table ids that are not ASCII) every table id is
transliterated (ø→o, å→a, æ→ae) in its reference and in the SQL that reads it, and what
bqemulator does not serve is skipped, each said on stderr.

Usage: seed.py [--ascii] ENDPOINT PROJECT DEMO_JSON
"""
import json
import re
import sys
import unicodedata

from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery

ascii_ids = "--ascii" in sys.argv[1:]
endpoint, project, demo_path = [arg for arg in sys.argv[1:] if arg != "--ascii"][:3]
client = bigquery.Client(project=project, credentials=AnonymousCredentials(),
                         client_options=ClientOptions(api_endpoint=endpoint))

with open(demo_path, encoding="utf-8") as f:
    demo = json.load(f)


def skipped(what):
    print(f"seed: skipped for bqemulator: {what}", file=sys.stderr)


def transliterate(text):
    """ø→o, å→a, æ→ae (upper case likewise); any other accent is dropped."""
    text = text.translate(str.maketrans({"ø": "o", "Ø": "O", "å": "a", "Å": "A", "æ": "ae", "Æ": "AE"}))
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


renamed = {}
if ascii_ids:
    renamed = {t["tableReference"]["tableId"]: transliterate(t["tableReference"]["tableId"]) for t in demo["tables"]}
    renamed = {old: new for old, new in renamed.items() if old != new}
if renamed:
    # Only inside backquoted references, so that columns such as fødselsnummer keep their names.
    table_word = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(renamed, key=len, reverse=True))) + r")(?!\w)")

    def ascii_sql(sql):
        return re.sub(r"`[^`]*`", lambda quoted: table_word.sub(lambda m: renamed[m.group(1)], quoted.group(0)), sql)

    for resource in demo["tables"]:
        reference = resource["tableReference"]
        if reference["tableId"] in renamed:
            print(f'seed: table id {reference["tableId"]} loaded as {renamed[reference["tableId"]]}', file=sys.stderr)
            reference["tableId"] = renamed[reference["tableId"]]
        for kind in ("view", "materializedView"):
            if kind in resource:
                resource[kind]["query"] = ascii_sql(resource[kind]["query"])

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
paging.description = "60 tabeller for å teste sidevisning"
client.create_dataset(paging, exists_ok=True)
for n in range(60):
    client.create_table(bigquery.Table(f"{project}.mange.t_{n:03d}",
                                       schema=[bigquery.SchemaField("id", "INTEGER")]), exists_ok=True)

# Dataset access entries and a table IAM binding, as a team would have them.
dataset = client.get_dataset(f"{project}.dataprodukter")
entries = list(dataset.access_entries)
if ascii_ids and not entries:
    # bqemulator creates datasets without BigQuery's default entries; a real dataset has them.
    entries = [bigquery.AccessEntry(role=role, entity_type="specialGroup", entity_id=group)
               for role, group in (("OWNER", "projectOwners"), ("WRITER", "projectWriters"), ("READER", "projectReaders"))]
entries.append(bigquery.AccessEntry(role="READER", entity_type="groupByEmail", entity_id="team-statistikk@nav.no"))
dataset.access_entries = entries
client.update_dataset(dataset, ["access_entries"])

table = f"{project}.dataprodukter.vedtak_statistikk"
if ascii_ids:
    skipped(f"the IAM binding on {table} (bqemulator has no table IAM: 405)")
else:
    policy = client.get_iam_policy(table)
    policy.bindings = [{"role": "roles/bigquery.dataViewer", "members": {"user:kari.nordmann@nav.no"}}]
    client.set_iam_policy(table, policy)
print("seeded", len(demo["datasets"]) + 1, "datasets,", len(tables) + 60, "tables")
