-- User listing: GET /v3/users (every user, no filter, no limit) with X-Auth-Token = ADMIN_TOKEN
dofile("report.lua")
wrk.method = "GET"
wrk.path = "/v3/users"
wrk.headers["X-Auth-Token"] = env("ADMIN_TOKEN")
wrk.headers["Accept"] = "application/json"
done = report
