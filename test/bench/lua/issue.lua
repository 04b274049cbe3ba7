-- Token issue: POST /v3/auth/tokens, password method, project-scoped (domain Default).
--   BENCH_USER / BENCH_PASSWORD / BENCH_PROJECT, default admin / admin-secret / admin.
--   Every request costs one password hash check (bcrypt at the servers' rounds).
dofile("report.lua")
local user = os.getenv("BENCH_USER") or "admin"
local password = os.getenv("BENCH_PASSWORD") or "admin-secret"
local project = os.getenv("BENCH_PROJECT") or "admin"
wrk.method = "POST"
wrk.path = "/v3/auth/tokens"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = string.format(
  '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s",' ..
  '"domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"name":"%s",' ..
  '"domain":{"name":"Default"}}}}}', user, password, project)
done = report
