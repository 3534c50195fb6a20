-- wrk script: the command line's URL with a bearer token from BENCH_TOKEN, formatted once.
local token = os.getenv("BENCH_TOKEN")
local formatted
request = function()
  formatted = formatted or wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
  return formatted
end
