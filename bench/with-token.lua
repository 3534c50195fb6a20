-- wrk script: the command line's URL with a bearer token from BENCH_TOKEN.
local token = os.getenv("BENCH_TOKEN")
request = function()
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
end
