package io.hakit.examples.demo;

import java.util.Map;

/**
 * What the demo observed, for its closing summary and for tests.
 *
 * @param initialMaster the node that won the first election
 * @param masterAfterCrash the node serving after the master was killed
 * @param takeoverMillis from the kill to the backup's MASTER transition
 * @param failedDuringFailover requests that failed between the kill and the next phase
 * @param masterAfterRestart the node serving after the old master came back
 * @param preemptMillis from the old master's restart to its MASTER transition
 * @param okAfterTakeover successful requests between the takeover and the old master's restart
 * @param okAfterPreempt successful requests after the old master preempted back
 * @param ok successful requests in total
 * @param failed failed requests in total
 * @param byOrigin successful requests per origin
 */
public record DemoReport(String initialMaster, String masterAfterCrash, long takeoverMillis, long failedDuringFailover,
    String masterAfterRestart, long preemptMillis, long okAfterTakeover, long okAfterPreempt, long ok, long failed, Map<String, Long> byOrigin) {}
