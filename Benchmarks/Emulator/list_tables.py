"""The official Python client listing every table of PROJECT on the emulator at URL: one
datasets.list, then tables.list per dataset — what `katalog ls -r` shows, the client's way.

Usage: list_tables.py URL PROJECT
"""
import sys

from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery

url, project = sys.argv[1], sys.argv[2]
client = bigquery.Client(project=project, credentials=AnonymousCredentials(), client_options=ClientOptions(api_endpoint=url))
count = 0
for dataset in client.list_datasets():
    for table in client.list_tables(dataset.reference):
        print(f"{dataset.dataset_id}.{table.table_id}\t{table.table_type}")
        count += 1
print(count, file=sys.stderr)
