"""Seeds a BigQuery emulator with a project of DATASETS datasets of TABLES tables each (about 20
columns, one nested record in five tables), through Google's official client — once: the
emulator keeps its data directory, and bench-emulator.sh caches it.

Usage: seed_large.py URL PROJECT DATASETS TABLES
"""
import random
import sys

from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery

url, project, datasets, tables = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
client = bigquery.Client(project=project, credentials=AnonymousCredentials(), client_options=ClientOptions(api_endpoint=url))
rng = random.Random(1)
types = ["STRING", "STRING", "INTEGER", "DATE", "TIMESTAMP", "NUMERIC", "BOOLEAN", "FLOAT"]
for d in range(datasets):
    dataset = bigquery.Dataset(f"{project}.omraade_{d:03d}")
    dataset.location = "EU"
    dataset.description = f"Område {d}"
    client.create_dataset(dataset, exists_ok=True)
    for t in range(tables):
        schema = [bigquery.SchemaField(f"kolonne_{c}", rng.choice(types), description=f"Kolonne {c}" if c % 3 == 0 else None)
                  for c in range(18 + rng.randrange(5))]
        if t % 5 == 0:
            schema.append(bigquery.SchemaField("adresse", "RECORD", fields=[bigquery.SchemaField("postnummer", "STRING"),
                                                                           bigquery.SchemaField("poststed", "STRING")]))
        table = bigquery.Table(f"{project}.omraade_{d:03d}.tabell_{t:04d}", schema=schema)
        table.description = f"Tabell {t} i område {d}"
        table.labels = {"sone": "rasone"}
        client.create_table(table, exists_ok=True)
    print(f"seeded omraade_{d:03d}", file=sys.stderr)
