-- Catalog: GET /v3/auth/catalog with X-Auth-Token = ADMIN_TOKEN
dofile("report.lua")
wrk.method = "GET"
wrk.path = "/v3/auth/catalog"
wrk.headers["X-Auth-Token"] = env("ADMIN_TOKEN")
wrk.headers["Accept"] = "application/json"
done = report
