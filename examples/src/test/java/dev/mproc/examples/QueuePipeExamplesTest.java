package dev.mproc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The queue and pipe examples. The pipe examples need the netty backend's Pipe (branch feature/pipe). */
@DisplayName("Queue and Pipe")
class QueuePipeExamplesTest {

    @Test
    @DisplayName("queue-results: after join, the queue holds the three children's results")
    void queueResults() throws Exception {
        Output out = Output.run("queue-results");
        List<String> items = out.matches("^\\{(\\d+=\\d+)\\}$").stream().map(m -> m.group(1)).toList();
        assertEquals(3, items.size(), out::toString);
        assertEquals(Set.of("100=1000000", "200=8000000", "300=27000000"), Set.copyOf(items), out::toString);
    }

    @Test
    @DisplayName("queue-producer-consumer: the consumer gets the five pieces of work in order, then the sentinel")
    void queueProducerConsumer() throws Exception {
        Output out = Output.run("queue-producer-consumer");
        assertEquals(List.of("0", "1", "2", "3", "4"),
                out.matches("^consumer \\d+: work: (\\d)$").stream().map(m -> m.group(1)).toList(), out::toString);
        out.assertOrder("^consumer \\d+: work: 4$", "^consumer \\d+: got the sentinel, stopping$");
        out.first("^consumer exit 0, producer exit 0$");
    }

    @Test
    @DisplayName("pipe-send: the parent receives an equal list, null included")
    void pipeSend() throws Exception {
        Output out = Output.run("pipe-send");
        out.first("^parent received \\[42, null, hello\\]$");
    }

    @Test
    @DisplayName("pipe-request-reply: the child's greeting reaches main before main's reply reaches the child")
    void pipeRequestReply() throws Exception {
        Output out = Output.run("pipe-request-reply");
        out.assertOrder("^main " + out.pid + " received: hello main process, the data is 100$",
                "^child \\d+ received: hello child process$");
    }

    @Test
    @DisplayName("pipe-producer-consumer: five messages in order, then end of file; both children exit 0")
    void pipeProducerConsumer() throws Exception {
        Output out = Output.run("pipe-producer-consumer");
        List<Matcher> received = out.matches("^process pipe work is doing: (\\d) \\(consumer pid \\d+\\)$");
        assertEquals(List.of("0", "1", "2", "3", "4"), received.stream().map(m -> m.group(1)).toList(),
                out::toString);
        out.assertOrder("^process pipe work is doing: 4 ", "^=============== end of file");
        out.first("^consumer exit 0, producer exit 0$");
    }
}
