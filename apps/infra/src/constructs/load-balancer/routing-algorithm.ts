/**
 * Without stickiness, weighted random with automatic target weights: the ALB sends less traffic to a target whose
 * error or latency rate stands out from the others. AWS does not offer it with stickiness, which gets round robin.
 */
export function routingAlgorithm(stickySessions: boolean): {
  loadBalancingAlgorithmType: string;
  loadBalancingAnomalyMitigation: string;
} {
  return stickySessions
    ? { loadBalancingAlgorithmType: 'round_robin', loadBalancingAnomalyMitigation: 'off' }
    : { loadBalancingAlgorithmType: 'weighted_random', loadBalancingAnomalyMitigation: 'on' };
}
