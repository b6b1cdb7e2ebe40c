package org.sysvipc.tools.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * What a worker process is told on its command line, after the hidden command
 * {@value SoakWorker#COMMAND}: where its slot is, what it does, and the lane's kind and arguments.
 *
 * @param scoreboardId   the scoreboard segment's id
 * @param slot           the worker's slot in it
 * @param spec           its role and pace
 * @param producerNumber for a producer, the number in its messages' ids, unique in the run; 0 for a consumer
 * @param injection      the defect it plants, usually none
 * @param laneKind       the lane's {@link Lane#kind()}
 * @param laneArguments  the lane's {@link Lane#workerArguments()}
 */
record WorkerLaunch(int scoreboardId, int slot, WorkerSpec spec, int producerNumber, Injection injection,
                    String laneKind, List<String> laneArguments) {
    private static final int FIXED = 9;

    WorkerLaunch {
        laneArguments = List.copyOf(laneArguments);
        if (spec.isProducer() != producerNumber > 0) {
            throw new IllegalArgumentException("a producer and only a producer has a number, was " + producerNumber);
        }
    }

    List<String> toArguments() {
        List<String> args = new ArrayList<>(List.of(String.valueOf(scoreboardId), String.valueOf(slot),
                spec.role().name(), String.valueOf(spec.burst()), String.valueOf(spec.pauseMicros()),
                String.valueOf(spec.timedLock()), String.valueOf(producerNumber), injection.name(), laneKind));
        args.addAll(laneArguments);
        return args;
    }

    /**
     * {@return the launch {@code args} (as {@link #toArguments()} made them) describe}
     *
     * @throws IllegalArgumentException if they describe none
     */
    static WorkerLaunch parse(List<String> args) {
        if (args.size() < FIXED) {
            throw new IllegalArgumentException(SoakWorker.COMMAND + " needs " + FIXED + " arguments and the lane's, was given " + args);
        }
        try {
            WorkerSpec spec = new WorkerSpec(WorkerSpec.Role.valueOf(args.get(2)), Integer.parseInt(args.get(3)),
                    Long.parseLong(args.get(4)), Boolean.parseBoolean(args.get(5)));
            return new WorkerLaunch(Integer.parseInt(args.get(0)), Integer.parseInt(args.get(1)), spec,
                    Integer.parseInt(args.get(6)), Injection.valueOf(args.get(7)), args.get(8),
                    args.subList(FIXED, args.size()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SoakWorker.COMMAND + ": a number is not one in " + args, e);
        }
    }
}
