package org.coordinatedcare.fhir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar coordinated-care-engine.jar --import=DIR}: imports every {@code .ndjson} and {@code .json} file of
 * the folder with the same importer as the API, prints a progress line every 10,000 resources and a summary, then
 * exits: 0 when everything was taken, 2 when some entries were rejected, 1 when the import failed.
 */
@Component
@Order(10)
public class FhirImportCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FhirImportCommand.class);
    static final String OPTION = "import";

    private final FhirImporter importer;
    private final ConfigurableApplicationContext context;

    public FhirImportCommand(FhirImporter importer, ConfigurableApplicationContext context) {
        this.importer = importer;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        int exitCode = importFolder(Path.of(args.getOptionValues(OPTION).get(0)));
        System.exit(SpringApplication.exit(context, () -> exitCode));
    }

    int importFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            System.out.println("Import: " + folder.toAbsolutePath() + " is not a folder");
            return 1;
        }
        long started = System.nanoTime();
        AtomicLong nextLine = new AtomicLong(10_000);
        try {
            System.out.println("Import: reading " + folder.toAbsolutePath());
            ImportReport report = importer.importDirectory(folder, processed -> {
                if (processed >= nextLine.get()) {
                    System.out.printf(
                            "Import: %,d resources processed (%.0f s)%n",
                            processed, (System.nanoTime() - started) / 1e9);
                    nextLine.set((processed / 10_000 + 1) * 10_000);
                }
            });
            System.out.printf("Import finished in %.1f s%n%s%n", (System.nanoTime() - started) / 1e9, report.summary());
            report.getRejections().stream()
                    .limit(50)
                    .forEach(r -> System.out.println("  rejected: "
                            + (r.source() == null ? "" : r.source() + " ")
                            + (r.line() != null ? "line " + r.line() : r.index() != null ? "entry " + r.index() : "")
                            + (r.resourceType() == null
                                    ? ""
                                    : " " + r.resourceType() + (r.id() == null ? "" : "/" + r.id()))
                            + ": " + r.reason()));
            return report.getRejectionCount() > 0 ? 2 : 0;
        } catch (Exception e) {
            log.error("Import of {} failed", folder, e);
            System.out.println("Import failed: " + e.getMessage());
            return 1;
        }
    }
}
