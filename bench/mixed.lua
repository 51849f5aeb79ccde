-- wrk script for the mixed scenario: each request takes the next of the public pages given
-- after `--` (round robin per thread), so that one run reads all of them while the analysts
-- (bench/mixed.py) work; the summary line is report.lua's.
dofile("bench/report.lua")

local paths = {}
local next_path = 0

init = function(args)
  for i, path in ipairs(args) do
    paths[i] = path
  end
  next_path = math.random(#paths) - 1
end

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
