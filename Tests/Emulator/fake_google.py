"""The Google endpoints no emulator on PyPI serves, with their documented shapes:
an OAuth token endpoint that verifies RS256 JWTs and the refresh-token grant, and a
metadata server. Bound to 127.0.0.1 only.

It also serves the Connection, Data Transfer and Datastream v1 lists for the demo project,
from the demo export (`katalog demo --export-bigquery`), one item per page; any other project
gets 403 SERVICE_DISABLED, as a project without those APIs does.

Usage: fake_google.py KEY_DIR DEMO_JSON — writes service_account.json and authorized_user.json
(pointing at this server) into KEY_DIR, prints the port, serves until killed.
"""
import base64
import http.server
import json
import secrets
import sys
import threading
import time
import urllib.parse

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

key_dir = sys.argv[1]
with open(sys.argv[2], encoding="utf-8") as f:
    demo = json.load(f)
PROJECT = "dagpenger-prod-4e2b"
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
public_key = key.public_key()
SA_EMAIL = "katalog-test@dagpenger-prod-4e2b.iam.gserviceaccount.com"
CLIENT_ID, CLIENT_SECRET, REFRESH = "katalog-client.apps.googleusercontent.com", "client-secret-x", "refresh-1"
counts = {"jwt": 0, "refresh": 0, "metadata": 0, "refused": 0}
last_claims = {}
lock = threading.Lock()


def b64decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue(kind, expires_in):
    with lock:
        counts[kind] += 1
    # Recognisable, so the test run can grep its own output for leaks.
    return {"access_token": "ya29.katalog-test-" + secrets.token_urlsafe(16), "expires_in": expires_in, "token_type": "Bearer"}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=None):
        data = json.dumps(body).encode() if not isinstance(body, bytes) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def refuse(self, description):
        print("refused:", description, file=sys.stderr, flush=True)
        with lock:
            counts["refused"] += 1
        self.answer(400, {"error": "invalid_grant", "error_description": description})

    def search_links(self, body):
        """POST /v1/projects/P/locations/L:searchLinks — source or target, paged in the body."""
        project = self.path.split("/")[3]
        if project != PROJECT:
            return self.answer(403, {"error": {"code": 403, "status": "PERMISSION_DENIED", "message": "Data Lineage API is disabled.",
                                               "details": [{"reason": "SERVICE_DISABLED"}]}})
        request = json.loads(body or b"{}")
        if "source" in request:
            links = [l for l in demo["lineageLinks"] if l["source"] == request["source"]["fullyQualifiedName"]]
        elif "target" in request:
            links = [l for l in demo["lineageLinks"] if l["target"] == request["target"]["fullyQualifiedName"]]
        else:
            return self.answer(400, {"error": {"code": 400, "message": "source or target is required", "status": "INVALID_ARGUMENT"}})
        start = int(request.get("pageToken") or 0)
        page = {"links": [{"name": f"projects/{PROJECT}/locations/europe-north1/links/l{start + i}",
                           "source": {"fullyQualifiedName": l["source"]}, "target": {"fullyQualifiedName": l["target"]}}
                          for i, l in enumerate(links[start:start + 1])]}
        if start + 1 < len(links):
            page["nextPageToken"] = str(start + 1)
        return self.answer(200, page)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        if self.path.startswith("/v1/") and self.path.endswith(":searchLinks"):
            return self.search_links(raw)
        form = dict(urllib.parse.parse_qsl(raw.decode()))
        if self.path != "/token":
            return self.answer(404, {"error": "not found"})
        grant = form.get("grant_type")
        if grant == "refresh_token":
            if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
                return self.refuse("Unauthorized client")
            if form.get("refresh_token") != REFRESH:
                return self.refuse("Token has been expired or revoked.")
            return self.answer(200, issue("refresh", 30))  # short-lived: callers must refresh
        if grant == "urn:ietf:params:oauth:grant-type:jwt-bearer":
            try:
                header_b64, claims_b64, signature_b64 = form["assertion"].split(".")
                header, claims = json.loads(b64decode(header_b64)), json.loads(b64decode(claims_b64))
                public_key.verify(b64decode(signature_b64), f"{header_b64}.{claims_b64}".encode(), padding.PKCS1v15(), hashes.SHA256())
            except Exception as error:  # a bad signature or a broken JWT
                return self.refuse(f"Invalid JWT: {type(error).__name__}")
            now = time.time()
            problems = []
            if header.get("alg") != "RS256": problems.append("alg")
            if claims.get("iss") != SA_EMAIL: problems.append("iss")
            # gcloud signs for Google's audience even when its token host is redirected here.
            if claims.get("aud") not in (f"http://127.0.0.1:{port}/token", "https://oauth2.googleapis.com/token"): problems.append("aud")
            if not (claims.get("iat", 0) <= now + 60 and claims.get("exp", 0) > now and claims["exp"] - claims["iat"] <= 3600): problems.append("time")
            if problems:
                return self.refuse("Invalid JWT claims: " + ",".join(problems))
            with lock:
                last_claims.clear()
                last_claims.update(claims)
            return self.answer(200, issue("jwt", 3599))
        return self.refuse("Unsupported grant type")

    def siblings(self):
        """GET /v1/projects/P/locations/L/{connections|transferConfigs|streams}?pageSize&pageToken"""
        url = urllib.parse.urlparse(self.path)
        parts = url.path.split("/")
        query = dict(urllib.parse.parse_qsl(url.query))
        if len(parts) != 7 or parts[1:3] != ["v1", "projects"] or parts[4] != "locations":
            return self.answer(404, {"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}})
        project, location, collection = parts[3], parts[5], parts[6]
        if project != PROJECT:
            return self.answer(403, {"error": {"code": 403, "status": "PERMISSION_DENIED",
                                               "message": f"API has not been used in project {project} before or it is disabled.",
                                               "details": [{"reason": "SERVICE_DISABLED"}]}})
        if "pageSize" not in query:
            return self.answer(400, {"error": {"code": 400, "message": "pageSize is required", "status": "INVALID_ARGUMENT"}})
        if collection == "connections":
            items = [dict(c, name=c["name"].replace("PROJECT", PROJECT)) for c in demo["connections"] if f"/locations/{location}/" in c["name"]]
        elif collection == "transferConfigs":
            if query.get("dataSourceIds") != "scheduled_query":
                return self.answer(400, {"error": {"code": 400, "message": "expected dataSourceIds=scheduled_query", "status": "INVALID_ARGUMENT"}})
            items = [t for t in demo["transferConfigs"] if f"/locations/{location}/" in t["name"]]
        elif collection == "streams":
            items = [s for s in demo["streams"] if f"/locations/{location}/" in s["name"]]
        else:
            return self.answer(404, {"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}})
        start = int(query.get("pageToken") or 0)
        page = {collection: items[start:start + 1]}
        if start + 1 < len(items):
            page["nextPageToken"] = str(start + 1)
        return self.answer(200, page)

    def do_GET(self):
        if self.path.startswith("/v1/"):
            return self.siblings()
        if self.path == "/stats":
            with lock:
                return self.answer(200, dict(counts))
        if self.path == "/last-claims":
            with lock:
                return self.answer(200, dict(last_claims))
        if self.path.startswith("/computeMetadata/v1/"):
            if self.headers.get("Metadata-Flavor") != "Google":
                return self.answer(403, b"Missing Metadata-Flavor:Google header.")
            flavor = {"Metadata-Flavor": "Google"}
            if self.path.startswith("/computeMetadata/v1/instance/service-accounts/default/token"):
                return self.answer(200, issue("metadata", 3599), flavor)
            if self.path == "/computeMetadata/v1/instance/service-accounts/default/email":
                return self.answer(200, SA_EMAIL.encode(), flavor)
            if self.path == "/computeMetadata/v1/project/project-id":
                return self.answer(200, b"dagpenger-prod-4e2b", flavor)
        return self.answer(404, {"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}})


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
port = server.server_address[1]
pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
with open(f"{key_dir}/service_account.json", "w") as f:
    json.dump({"type": "service_account", "project_id": "dagpenger-prod-4e2b", "private_key_id": "k1", "private_key": pem,
               "client_email": SA_EMAIL, "client_id": "1", "token_uri": f"http://127.0.0.1:{port}/token"}, f)
with open(f"{key_dir}/authorized_user.json", "w") as f:
    json.dump({"type": "authorized_user", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "refresh_token": REFRESH,
               "quota_project_id": "dagpenger-prod-4e2b", "token_uri": f"http://127.0.0.1:{port}/token"}, f)
with open(f"{key_dir}/revoked_user.json", "w") as f:
    json.dump({"type": "authorized_user", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "refresh_token": "revoked",
               "token_uri": f"http://127.0.0.1:{port}/token"}, f)
print(port, flush=True)
server.serve_forever()
