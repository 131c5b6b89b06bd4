-- Cycles through pre-signed request-targets (one per line of $PATHS) with the COS Host header.
local host = os.getenv("COS_HOST")
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  paths[#paths + 1] = line
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { Host = host })
end
