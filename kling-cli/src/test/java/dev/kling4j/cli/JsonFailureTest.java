package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.journal.FileRequestJournal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With --json, stdout is only JSON, and every failure ends it with one error object. */
class JsonFailureTest extends EmulatorTest {
    /** Every line of stdout is a JSON object; returns the last, the error. */
    static Map<String, Object> lastError(CliRun r) {
        List<Map<String, Object>> objects =
                r.out().lines().map(CliTestSupport::json).toList();
        assertThat(objects).as(r.toString()).isNotEmpty();
        Map<String, Object> last = objects.get(objects.size() - 1);
        assertThat(last)
                .containsEntry("event", "error")
                .containsEntry("exit_code", r.code())
                .containsKey("error");
        return last;
    }

    @Test
    void invalidInputEndsWithAnErrorObjectListingTheProblems() {
        CliRun r = kling("generate", "--prompt", "a fox", "--duration", "20", "--json");

        assertThat(r.code()).isEqualTo(2);
        Map<String, Object> error = lastError(r);
        assertThat(error).containsEntry("outcome", "refused").doesNotContainKey("request_id");
        assertThat(CliTestSupport.list(error.get("problems")))
                .singleElement()
                .satisfies(p -> assertThat(CliTestSupport.map(p))
                        .containsEntry("field", "duration")
                        .containsEntry("flag", "--duration"));
    }

    @Test
    void aBadFlagEndsWithAnErrorObjectToo() {
        CliRun r = kling("generate", "--durration", "5", "--json");

        assertThat(r.code()).isEqualTo(2);
        assertThat(lastError(r).get("error")).asString().contains("did you mean --duration?");
    }

    @Test
    void aRefusalOverBudgetEndsWithAnErrorObjectAfterTheEstimate() {
        CliRun r = kling("generate", "--prompt", "a fox", "--duration", "10", "--max-cost", "1", "--json");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out().lines().findFirst().orElseThrow()).contains("\"event\":\"estimate\"");
        assertThat(lastError(r).get("error")).asString().contains("--max-cost 1 USD");
        assertThat(CliTestSupport.submits(fal)).isEmpty();
    }

    @Test
    void aFailedJobEndsWithAnErrorObjectCarryingTheRequestId() {
        fal.script().nextJob().failWith(500, "internal_error", "the model crashed");

        CliRun r = kling("generate", "--prompt", "a fox", "--json");

        assertThat(r.code()).isEqualTo(4);
        String id = FileRequestJournal.in(work.resolve("home").resolve("jobs"))
                .list()
                .get(0)
                .requestId();
        assertThat(lastError(r)).containsEntry("outcome", "job_failed").containsEntry("request_id", id);
    }

    @Test
    void anInterruptEndsWithAnErrorObjectNamingTheJobToResume() {
        StringWriter out = new StringWriter();
        CliContext ctx = CliContext.of(Map.of(), work, work, new PrintWriter(out), new PrintWriter(new StringWriter()));
        Reporter rep = new Reporter(ctx, true, false);
        InterruptGuard guard = InterruptGuard.install(ctx, rep, FileRequestJournal.in(work.resolve("jobs")), false);
        guard.enqueued("req-1", () -> null, "kling resume req-1");

        guard.interrupted();

        CliRun asRun = new CliRun(130, out.toString(), "");
        assertThat(lastError(asRun)).containsEntry("outcome", "interrupted").containsEntry("request_id", "req-1");
    }

    @Test
    void whatTheCommandStillPrintsAfterAnInterruptIsDropped() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = CliContext.of(Map.of(), work, work, new PrintWriter(out), new PrintWriter(err));
        Reporter rep = new Reporter(ctx, true, false);
        InterruptGuard guard = InterruptGuard.install(ctx, rep, FileRequestJournal.in(work.resolve("jobs")), false);
        guard.enqueued("req-1", () -> null, "kling resume req-1");
        guard.interrupted();
        String stderr = err.toString();

        // The command's thread runs on while the JVM exits: a status poll lands, a line, a transfer.
        rep.event("status", Map.of("request_id", "req-1", "status", "IN_QUEUE"));
        rep.say("still here");
        rep.note("still here");
        rep.transfer("upload", "a.png", 1, 2);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lastError(new CliRun(130, out.toString(), ""))).containsEntry("outcome", "interrupted");
        assertThat(err.toString()).isEqualTo(stderr).contains("keeps running at fal");
    }

    @Test
    void commandsOtherThanGenerationEndFailuresTheSameWay() {
        CliRun status = kling("status", "nowhere", "--json");
        CliRun models = CliRun.run(Map.of(), work.resolve("home"), work, "models", "info", "kling_o3_nope", "--json");

        assertThat(lastError(status).get("error")).asString().contains("not in the journal");
        assertThat(lastError(models).get("error")).asString().contains("no model 'kling_o3_nope'");
    }
}
