-- Argo CD health check for the four hastorage.io kinds (ha-iscsi-operator): StorageCluster,
-- DrbdVolume, ScstTarget and Ocfs2Mount share it, as they share the Ready condition.
--   Healthy      Ready=True (serving) and status.observedGeneration = metadata.generation, also
--                while Degraded=True (redundancy lost, e.g. the first DRBD sync): the message says
--                so, and sync waves that wait for health are not held for hours
--   Progressing  no status yet, a stale observedGeneration, no Ready condition (or Unknown), or
--                Ready=False while the operator is still working (a progressing reason below)
--   Suspended    Ready=False because of the paused or dry-run annotation
--   Degraded     Ready=False for any other reason (SplitBrain, StepFailed, InvalidSpec, ...)
local progressingReasons = {
  Converging = true, Installing = true, Syncing = true, InitialSyncPending = true,
  WaitingForCluster = true, WaitingForVolume = true, NodeBusy = true,
}
local suspendedReasons = { Paused = true, DryRun = true }
-- Reasons that are expected while a cluster is being built: progressing only as long as the
-- Converged condition says the operator is applying steps.
local formingReasons = {
  ClusterNotRunning = true, FencingPending = true, NoPrimary = true, VolumeGroupInactive = true,
}

local function condition(status, conditionType)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function health(status, message)
  return { status = status, message = message }
end

local function check(obj)
  local status = obj.status
  if status == nil or status.observedGeneration == nil then
    return health("Progressing", "Waiting for the operator to report status")
  end
  local generation = obj.metadata.generation
  if generation ~= nil and status.observedGeneration < generation then
    return health("Progressing", "Waiting for the operator to observe generation " .. generation)
  end
  local ready = condition(status, "Ready")
  if ready == nil or ready.status == nil or ready.status == "Unknown" then
    return health("Progressing", "Waiting for the Ready condition")
  end
  local reason = ready.reason or ""
  local message = reason .. ": " .. (ready.message or "")
  if ready.status == "True" then
    local degraded = condition(status, "Degraded")
    if degraded ~= nil and degraded.status == "True" then
      return health("Healthy", (ready.message or "Ready") .. "; redundancy lost ("
        .. (degraded.reason or "") .. "): " .. (degraded.message or ""))
    end
    return health("Healthy", ready.message or "Ready")
  end
  if suspendedReasons[reason] then
    return health("Suspended", message)
  end
  if progressingReasons[reason] then
    return health("Progressing", message)
  end
  local converged = condition(status, "Converged")
  if formingReasons[reason] and converged ~= nil and converged.status == "False"
      and progressingReasons[converged.reason or ""] then
    return health("Progressing", message)
  end
  return health("Degraded", message)
end

return check(obj)
