-- GET of the URL on the wrk command line (the bare Node server floor)
dofile("report.lua")
done = report
