-- Token validation: GET /v3/auth/tokens
--   X-Auth-Token = ADMIN_TOKEN (admin, project-scoped), X-Subject-Token = SUBJECT_TOKEN
dofile("report.lua")
wrk.method = "GET"
wrk.path = "/v3/auth/tokens"
wrk.headers["X-Auth-Token"] = env("ADMIN_TOKEN")
wrk.headers["X-Subject-Token"] = env("SUBJECT_TOKEN")
wrk.headers["Accept"] = "application/json"
done = report
