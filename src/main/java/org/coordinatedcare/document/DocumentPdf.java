package org.coordinatedcare.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.springframework.stereotype.Component;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * A stored document as a tagged PDF (PDF/UA: structure, title and language for screen readers), laid out from its
 * HTML on request (ADR 0022). The HTML is read as a browser reads it (jsoup), so documents stored before they were
 * XHTML print too; nothing outside the document is fetched, and the fonts come from the jar.
 */
@Component
public class DocumentPdf {

    static final String FONT = "Atkinson Hyperlegible";

    /** PDF/UA needs every font embedded; Liberation Sans (shipped in PDFBox) covers letters Atkinson lacks. */
    private static final String PRINT_FONTS = "body{font-family:'" + FONT + "','Liberation Sans'}";

    byte[] render(PatientDocument document) {
        return page(document.content(), document.title(), "document " + document.id());
    }

    /**
     * Any stored page of the application as the same tagged, large-print PDF, for documents that are not one patient's
     * (the minutes of a neighbourhood MDT meeting). The caller checks who may read it.
     */
    public byte[] page(String content, String title, String name) {
        org.jsoup.nodes.Document html = Jsoup.parse(content);
        // Before the page's own style, so a page stored before large print gets it and a newer page's rules win.
        html.head().prependElement("style").text(PatientDocuments.LARGE_PRINT);
        html.head().appendElement("style").text(PRINT_FONTS);
        if (html.title().isBlank()) {
            html.title(title);
        }
        if (html.selectFirst("html").attr("lang").isBlank()) {
            html.selectFirst("html").attr("lang", "en-GB");
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .usePdfUaAccessibility(true)
                    .useFont(() -> font("AtkinsonHyperlegible-Regular.ttf"), FONT, 400, FontStyle.NORMAL, true)
                    .useFont(() -> font("AtkinsonHyperlegible-Bold.ttf"), FONT, 700, FontStyle.NORMAL, true)
                    .useFont(
                            () -> resource("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf"),
                            "Liberation Sans",
                            400,
                            FontStyle.NORMAL,
                            true)
                    .useExternalResourceAccessControl(
                            (uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .useExternalResourceAccessControl(
                            (uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    .withProducer("PCN Coordinated care")
                    .withW3cDocument(W3CDom.convert(html), "about:blank")
                    .toStream(pdf)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lay out " + name + " as PDF", e);
        }
        return pdf.toByteArray();
    }

    /** A file name from the title: {@code my-care-and-support-plan-version-2.pdf}. */
    static String fileName(PatientDocument document) {
        String slug = document.title()
                .toLowerCase(Locale.UK)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return (slug.isEmpty() ? "document-" + document.id() : slug) + ".pdf";
    }

    private static InputStream font(String name) {
        return resource("/fonts/" + name);
    }

    private static InputStream resource(String path) {
        InputStream in = DocumentPdf.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Font " + path + " is missing from the application");
        }
        return in;
    }
}
