// The PlanMaster the Worker runs: the 9 plans resolved against the task registry once per isolate.
import { taskRegistry } from '../tasks/task-registry'
import { PlanMaster } from './plan-master'

let planMaster: PlanMaster | undefined

/** Replaces the PlanMaster the queue consumer and the live route run (tests inject failing tasks); undefined restores. */
export function configurePlanMaster(master: PlanMaster | undefined): void {
  planMaster = master
}

export function defaultPlanMaster(): PlanMaster {
  planMaster ??= PlanMaster.fromRegistry(taskRegistry)
  return planMaster
}
