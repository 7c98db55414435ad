<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>sagedock::app</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <source>Builds</source>
        <translation>Builds</translation>
    </message>
</context>
<context>
    <name>sagedock::app::AboutDialog</name>
    <message>
        <source>About SageDock</source>
        <translation>Über SageDock</translation>
    </message>
    <message>
        <source>&lt;h2&gt;SageDock %1&lt;/h2&gt;&lt;p&gt;A native desktop app and command line tool for the SageMath container images: launch Jupyter from any Sage image with your notebooks kept on your computer, see every platform&apos;s stage images for a tag at a glance, and learn which build step broke the cache.&lt;/p&gt;&lt;p&gt;Built with Qt %2, libcurl, nlohmann_json and spdlog.&lt;/p&gt;&lt;p&gt;Log file: &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h2&gt;SageDock %1&lt;/h2&gt;&lt;p&gt;Eine native Desktop-Anwendung und ein Befehlszeilenwerkzeug für die SageMath-Container-Images: Jupyter aus jedem Sage-Image starten, während die Notebooks auf dem eigenen Rechner bleiben, die Stage-Images aller Plattformen für einen Tag auf einen Blick sehen und herausfinden, welcher Build-Schritt den Cache ungültig gemacht hat.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, libcurl, nlohmann_json und spdlog.&lt;/p&gt;&lt;p&gt;Protokolldatei: &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(not written)</source>
        <translation>(nicht geschrieben)</translation>
    </message>
</context>
<context>
    <name>sagedock::app::BuildHistoryModel</name>
    <message>
        <source>%1: %2 (%3/%4 cached)</source>
        <translation>%1: %2 (%3/%4 aus dem Cache)</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Builder</source>
        <translation>Builder</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Stages</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Dockerfile %1</source>
        <translation>Dockerfile %1</translation>
    </message>
    <message>
        <source>SageMath %1: %2</source>
        <translation>SageMath %1: %2</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>Build</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
</context>
<context>
    <name>sagedock::app::BuildStageModel</name>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>built</source>
        <translation>gebaut</translation>
    </message>
    <message>
        <source>cached</source>
        <translation>aus dem Cache</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Cached</source>
        <translation>Aus dem Cache</translation>
    </message>
    <message>
        <source>Executed</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>Aktueller Schritt</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Verstrichen</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
</context>
<context>
    <name>sagedock::app::BuildsPage</name>
    <message>
        <source>Sage source checkout (SAGE_ROOT)</source>
        <translation>Sage-Quellcode-Checkout (SAGE_ROOT)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Source folder:</source>
        <translation>Quellordner:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>System:</source>
        <translation>System:</translation>
    </message>
    <message>
        <source>Package set:</source>
        <translation>Paketsatz:</translation>
    </message>
    <message>
        <source>Stages:</source>
        <translation>Stages:</translation>
    </message>
    <message>
        <source>default: git describe --dirty --always</source>
        <translation>Standard: git describe --dirty --always</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>Tag:</translation>
    </message>
    <message>
        <source>default: the registry&apos;s images of the same names at dev and at the tag</source>
        <translation>Standard: die gleichnamigen Images der Registry bei dev und beim Tag</translation>
    </message>
    <message>
        <source>Cache sources:</source>
        <translation>Cache-Quellen:</translation>
    </message>
    <message>
        <source>e.g. ghcr.io/me/sage/ (empty: no push)</source>
        <translation>z. B. ghcr.io/me/sage/ (leer: kein Push)</translation>
    </message>
    <message>
        <source>Push prefix:</source>
        <translation>Push-Präfix:</translation>
    </message>
    <message>
        <source>Richest available</source>
        <translation>Bester verfügbarer</translation>
    </message>
    <message>
        <source>BuildKit (buildx)</source>
        <translation>BuildKit (buildx)</translation>
    </message>
    <message>
        <source>BuildKit (DOCKER_BUILDKIT=1)</source>
        <translation>BuildKit (DOCKER_BUILDKIT=1)</translation>
    </message>
    <message>
        <source>Legacy builder</source>
        <translation>Alter Builder (Legacy)</translation>
    </message>
    <message>
        <source>Resume from the last run</source>
        <translation>Beim letzten Lauf fortsetzen</translation>
    </message>
    <message>
        <source>Skip stages whose inputs are in the registry</source>
        <translation>Stages überspringen, deren Eingaben in der Registry liegen</translation>
    </message>
    <message>
        <source>Builder:</source>
        <translation>Builder:</translation>
    </message>
    <message>
        <source>Preview commands</source>
        <translation>Befehle anzeigen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Diagnose a log file…</source>
        <translation>Protokolldatei diagnostizieren …</translation>
    </message>
    <message>
        <source>The exact commands appear here (Preview commands).</source>
        <translation>Die genauen Befehle erscheinen hier (Befehle anzeigen).</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>Build</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Compare two builds</source>
        <translation>Zwei Builds vergleichen</translation>
    </message>
    <message>
        <source>Show log and diagnosis</source>
        <translation>Protokoll und Diagnose anzeigen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Sage source folder</source>
        <translation>Sage-Quellordner</translation>
    </message>
    <message>
        <source>No source folder chosen.</source>
        <translation>Kein Quellordner ausgewählt.</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>✓ SageMath %1; Dockerfile generator %2%3</source>
        <translation>✓ SageMath %1; Dockerfile-Generator %2%3</translation>
    </message>
    <message>
        <source> (not where %1 keeps it)</source>
        <translation> (nicht dort, wo %1 ihn ablegt)</translation>
    </message>
    <message>
        <source>Select two builds to compare.</source>
        <translation>Zwei Builds zum Vergleichen auswählen.</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Wird verglichen …</translation>
    </message>
    <message>
        <source>Diagnose a build log</source>
        <translation>Build-Protokoll diagnostizieren</translation>
    </message>
    <message>
        <source>Build logs (*.log *.txt);;All files (*)</source>
        <translation>Build-Protokolle (*.log *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>A build is running; diagnose the log when it has finished.</source>
        <translation>Ein Build läuft; das Protokoll nach dessen Abschluss diagnostizieren.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Sage source checkout</source>
        <translation>Sage-Quellcode-Checkout</translation>
    </message>
    <message>
        <source>Any Dockerfile</source>
        <translation>Beliebiges Dockerfile</translation>
    </message>
    <message>
        <source>Build:</source>
        <translation>Bauen:</translation>
    </message>
    <message>
        <source>Choose a Sage source checkout (the folder with VERSION.txt) or build any Dockerfile instead.</source>
        <translation>Wählen Sie einen Sage-Quellcode-Checkout (den Ordner mit VERSION.txt) oder bauen Sie stattdessen ein beliebiges Dockerfile.</translation>
    </message>
    <message>
        <source>default: latest</source>
        <translation>Standard: latest</translation>
    </message>
    <message>
        <source>No stages ticked.</source>
        <translation>Keine Stage angehakt.</translation>
    </message>
    <message>
        <source>Tick the stages to build, e.g. with-targets.</source>
        <translation>Haken Sie die zu bauenden Stages an, z. B. with-targets.</translation>
    </message>
    <message>
        <source>Invalid tag %1: %2</source>
        <translation>Ungültiger Tag %1: %2</translation>
    </message>
    <message>
        <source>No builds yet: build an image on the Build tab and it is listed here.</source>
        <translation>Noch keine Builds: Bauen Sie auf dem Reiter „Build“ ein Image, dann erscheint es hier.</translation>
    </message>
    <message>
        <source>Go to Build</source>
        <translation>Zu „Build“</translation>
    </message>
    <message>
        <source>SageDock stopped unexpectedly last time; the build history was repaired:</source>
        <translation>SageDock wurde beim letzten Mal unerwartet beendet; der Build-Verlauf wurde repariert:</translation>
    </message>
    <message>
        <source>The build history had broken lines; they were skipped (see the Builds page).</source>
        <translation>Der Build-Verlauf hatte beschädigte Zeilen; sie wurden übersprungen (siehe Seite „Build“).</translation>
    </message>
    <message numerus="yes">
        <source>Build %1 was interrupted when SageDock stopped (see the Builds page).</source>
        <translation>
            <numerusform>Build %1 wurde unterbrochen, als SageDock beendet wurde (siehe Seite „Build“).</numerusform>
            <numerusform>Die Builds %1 wurden unterbrochen, als SageDock beendet wurde (siehe Seite „Build“).</numerusform>
        </translation>
    </message>
    <message>
        <source>Search tox environments, e.g. jammy standard</source>
        <translation>tox-Umgebungen suchen, z. B. jammy standard</translation>
    </message>
    <message>
        <source>tox environment:</source>
        <translation>tox-Umgebung:</translation>
    </message>
    <message>
        <source>none; e.g. incremental, sitepackages</source>
        <translation>keine; z. B. incremental, sitepackages</translation>
    </message>
    <message>
        <source>Modifiers:</source>
        <translation>Modifikatoren:</translation>
    </message>
    <message>
        <source>Builds like:</source>
        <translation>Baut wie:</translation>
    </message>
    <message>
        <source>optional, e.g. config.status (make targets, like tox -e … -- ARGS)</source>
        <translation>optional, z. B. config.status (make-Ziele, wie tox -e … -- ARGS)</translation>
    </message>
    <message>
        <source>Arguments after --:</source>
        <translation>Argumente nach --:</translation>
    </message>
    <message>
        <source>Reading tox.ini…</source>
        <translation>tox.ini wird gelesen …</translation>
    </message>
    <message>
        <source>⚠ tox.ini: %1</source>
        <translation>⚠ tox.ini: %1</translation>
    </message>
    <message>
        <source>No tox.ini in this folder: SageDock&apos;s own table of systems is used.</source>
        <translation>Keine tox.ini in diesem Ordner: SageDocks eigene Systemtabelle wird verwendet.</translation>
    </message>
    <message>
        <source>tox.ini offers %1 docker environments for %2 systems; any other name it accepts can be put together below.</source>
        <translation>tox.ini bietet %1 Docker-Umgebungen für %2 Systeme an; jeden anderen Namen, den sie akzeptiert, können Sie unten zusammenstellen.</translation>
    </message>
    <message>
        <source>tox -e %1</source>
        <translation>tox -e %1</translation>
    </message>
    <message>
        <source>The arguments after -- are not plain words: %1</source>
        <translation>Die Argumente nach -- sind keine einfachen Wörter: %1</translation>
    </message>
    <message>
        <source>a redirection</source>
        <translation>eine Umleitung</translation>
    </message>
    <message>
        <source>Give make targets or words in quotes, without $, ` or redirections.</source>
        <translation>Geben Sie make-Ziele oder Wörter in Anführungszeichen an, ohne $, ` oder Umleitungen.</translation>
    </message>
    <message>
        <source>The checkout&apos;s tox.ini does not define %1 (no %2 factor).</source>
        <translation>Die tox.ini des Checkouts definiert %1 nicht (kein Faktor %2).</translation>
    </message>
    <message>
        <source>Choose one of the environments listed above.</source>
        <translation>Wählen Sie eine der oben aufgeführten Umgebungen.</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Meinten Sie %1?</translation>
    </message>
</context>
<context>
    <name>sagedock::app::DiagnosisModel</name>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Cached</source>
        <translation>Aus dem Cache</translation>
    </message>
    <message>
        <source>Executed</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>First executed step</source>
        <translation>Erster ausgeführter Schritt</translation>
    </message>
    <message>
        <source>Why it missed the cache</source>
        <translation>Warum der Cache verfehlt wurde</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Rebuilt: the cache broke in this stage or before</source>
        <translation>Neu gebaut: Der Cache ist in dieser Stage oder davor abgerissen</translation>
    </message>
    <message>
        <source>Fully cached</source>
        <translation>Vollständig aus dem Cache</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>— (all cached)</source>
        <translation>— (alles aus dem Cache)</translation>
    </message>
</context>
<context>
    <name>sagedock::app::DiagnosisView</name>
    <message>
        <source>No build steps yet.</source>
        <translation>Noch keine Build-Schritte.</translation>
    </message>
    <message>
        <source>%1 log, %2 stage(s): %3 step(s), %4 cached, %5 executed, %6 failed.</source>
        <translation>%1-Protokoll, %2 Stage(s): %3 Schritt(e), %4 aus dem Cache, %5 ausgeführt, %6 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Cache import OK: %1</source>
        <translation>Cache-Import OK: %1</translation>
    </message>
    <message>
        <source>Cache import FAILED: %1 — %2</source>
        <translation>Cache-Import FEHLGESCHLAGEN: %1 – %2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Error in %1: %2</source>
        <translation>Fehler in %1: %2</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Select a stage to see why it was rebuilt.</source>
        <translation>Eine Stage auswählen, um zu sehen, warum sie neu gebaut wurde.</translation>
    </message>
    <message>
        <source>Stage %1: every step came from the cache.</source>
        <translation>Stage %1: Jeder Schritt kam aus dem Cache.</translation>
    </message>
    <message>
        <source>Stage %1 — first executed step: %2
Why: %3</source>
        <translation>Stage %1 – erster ausgeführter Schritt: %2
Grund: %3</translation>
    </message>
</context>
<context>
    <name>sagedock::app::EngineStatusWidget</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Looking for a container engine…</source>
        <translation>Container-Engine wird gesucht…</translation>
    </message>
    <message>
        <source>%1 %2 (API %3)</source>
        <translation>%1 %2 (API %3)</translation>
    </message>
    <message>
        <source>Engine: %1
OS/arch: %2/%3</source>
        <translation>Engine: %1
OS/Architektur: %2/%3</translation>
    </message>
    <message>
        <source>No engine: %1</source>
        <translation>Keine Engine: %1</translation>
    </message>
</context>
<context>
    <name>sagedock::app::GenericBuildForm</name>
    <message>
        <source>Path of a multi-stage Dockerfile</source>
        <translation>Pfad eines mehrstufigen Dockerfiles</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Dockerfile:</source>
        <translation>Dockerfile:</translation>
    </message>
    <message>
        <source>default: the Dockerfile&apos;s folder</source>
        <translation>Standard: der Ordner des Dockerfiles</translation>
    </message>
    <message>
        <source>Build context:</source>
        <translation>Build-Kontext:</translation>
    </message>
    <message>
        <source>stages in build order, comma separated</source>
        <translation>Stages in Build-Reihenfolge, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Filled from the Dockerfile&apos;s FROM … AS name lines. Remove stages you do not need or change their order; each is built with docker build --target.</source>
        <translation>Aus den Zeilen FROM … AS name des Dockerfiles übernommen. Entfernen Sie nicht benötigte Stages oder ändern Sie ihre Reihenfolge; jede wird mit docker build --target gebaut.</translation>
    </message>
    <message>
        <source>Stages:</source>
        <translation>Stages:</translation>
    </message>
    <message>
        <source>e.g. myproject: images are myproject-&lt;stage&gt;</source>
        <translation>z. B. myproject: die Images heißen myproject-&lt;stage&gt;</translation>
    </message>
    <message>
        <source>Image prefix:</source>
        <translation>Image-Präfix:</translation>
    </message>
    <message>
        <source>Dockerfile</source>
        <translation>Dockerfile</translation>
    </message>
    <message>
        <source>Dockerfiles (*Dockerfile* *.dockerfile);;All files (*)</source>
        <translation>Dockerfiles (*Dockerfile* *.dockerfile);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Build context</source>
        <translation>Build-Kontext</translation>
    </message>
    <message>
        <source>Choose a Dockerfile.</source>
        <translation>Wählen Sie ein Dockerfile.</translation>
    </message>
    <message>
        <source>Type its path or use Browse…; the build context defaults to its folder.</source>
        <translation>Geben Sie seinen Pfad ein oder nutzen Sie Durchsuchen …; der Build-Kontext ist standardmäßig sein Ordner.</translation>
    </message>
    <message>
        <source>The Dockerfile %1 does not exist.</source>
        <translation>Das Dockerfile %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Check the path, or choose the file with Browse….</source>
        <translation>Prüfen Sie den Pfad oder wählen Sie die Datei mit Durchsuchen … aus.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a Dockerfile.</source>
        <translation>%1 ist ein Ordner, kein Dockerfile.</translation>
    </message>
    <message>
        <source>Choose the Dockerfile inside it.</source>
        <translation>Wählen Sie das Dockerfile darin.</translation>
    </message>
    <message>
        <source>Cannot read the Dockerfile %1: %2</source>
        <translation>Das Dockerfile %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Check that the file exists and that you may read it.</source>
        <translation>Prüfen Sie, ob die Datei existiert und ob Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <source>%1 has no FROM line; it is not a Dockerfile.</source>
        <translation>%1 hat keine FROM-Zeile; es ist kein Dockerfile.</translation>
    </message>
    <message>
        <source>Choose the project&apos;s Dockerfile.</source>
        <translation>Wählen Sie das Dockerfile des Projekts.</translation>
    </message>
    <message>
        <source>%1 has no named stages.</source>
        <translation>%1 hat keine benannten Stages.</translation>
    </message>
    <message>
        <source>Stages are built by name: write FROM &lt;image&gt; AS &lt;name&gt; for each stage you want to build.</source>
        <translation>Stages werden über ihren Namen gebaut: Schreiben Sie FROM &lt;image&gt; AS &lt;name&gt; für jede Stage, die Sie bauen möchten.</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message numerus="yes">
        <source>✓ %n named stage(s): %1</source>
        <translation>
            <numerusform>✓ %n benannte Stage: %1</numerusform>
            <numerusform>✓ %n benannte Stages: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The build context %1 is not a folder.</source>
        <translation>Der Build-Kontext %1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>Choose the folder the Dockerfile&apos;s COPY and ADD paths are relative to, or leave the field empty for the Dockerfile&apos;s folder.</source>
        <translation>Wählen Sie den Ordner, auf den sich die COPY- und ADD-Pfade des Dockerfiles beziehen, oder lassen Sie das Feld für den Ordner des Dockerfiles leer.</translation>
    </message>
    <message>
        <source>No stages to build.</source>
        <translation>Keine Stages zu bauen.</translation>
    </message>
    <message>
        <source>List stages in build order, separated by commas: %1.</source>
        <translation>Geben Sie die Stages in Build-Reihenfolge an, durch Kommas getrennt: %1.</translation>
    </message>
    <message>
        <source>The Dockerfile has no stage %1.</source>
        <translation>Das Dockerfile hat keine Stage %1.</translation>
    </message>
    <message>
        <source>Stages in it: %1.</source>
        <translation>Enthaltene Stages: %1.</translation>
    </message>
    <message>
        <source>The stage %1 is listed twice.</source>
        <translation>Die Stage %1 ist doppelt aufgeführt.</translation>
    </message>
    <message>
        <source>List each stage once, in build order.</source>
        <translation>Führen Sie jede Stage einmal auf, in Build-Reihenfolge.</translation>
    </message>
    <message>
        <source>No image prefix.</source>
        <translation>Kein Image-Präfix.</translation>
    </message>
    <message>
        <source>Images are named &lt;prefix&gt;-&lt;stage&gt;; e.g. myproject gives myproject-%1.</source>
        <translation>Die Images heißen &lt;präfix&gt;-&lt;stage&gt;; z. B. ergibt myproject den Namen myproject-%1.</translation>
    </message>
    <message>
        <source>Invalid image prefix %1: %2</source>
        <translation>Ungültiges Image-Präfix %1: %2</translation>
    </message>
</context>
<context>
    <name>sagedock::app::LaunchPage</name>
    <message>
        <source>Pick a SageMath version and press Launch: SageDock downloads it if needed, starts Jupyter and opens it in your browser. Your notebooks stay in the folder below.</source>
        <translation>Eine SageMath-Version wählen und auf „Starten“ klicken: SageDock lädt sie bei Bedarf herunter, startet Jupyter und öffnet es im Browser. Die Notebooks bleiben im unten angegebenen Ordner.</translation>
    </message>
    <message>
        <source>Open in the &amp;browser when ready</source>
        <translation>Im &amp;Browser öffnen, sobald bereit</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>The list of versions could not be fetched (%1). Versions already on this computer are shown.</source>
        <translation>Die Versionsliste konnte nicht abgerufen werden (%1). Angezeigt werden die bereits auf diesem Computer vorhandenen Versionen.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Ready: a shell session</source>
        <translation>Bereit: eine Shell-Sitzung</translation>
    </message>
    <message>
        <source>Open it from the Sessions page, or run: %1</source>
        <translation>Über die Seite „Sitzungen“ öffnen oder ausführen: %1</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Opened the running session %1.</source>
        <translation>Laufende Sitzung %1 geöffnet.</translation>
    </message>
</context>
<context>
    <name>sagedock::app::LogLineModel</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Cached: reused from the build cache</source>
        <translation>Im Cache: aus dem Build-Cache wiederverwendet</translation>
    </message>
    <message>
        <source>Executed: missed the cache</source>
        <translation>Ausgeführt: nicht im Cache</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
</context>
<context>
    <name>sagedock::app::LogView</name>
    <message>
        <source>Search the log</source>
        <translation>Log durchsuchen</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächste</translation>
    </message>
    <message>
        <source>Find the next line containing the text (Enter)</source>
        <translation>Nächste Zeile mit diesem Text suchen (Eingabe)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorherige</translation>
    </message>
    <message>
        <source>Find the previous line containing the text (Shift+Enter)</source>
        <translation>Vorherige Zeile mit diesem Text suchen (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Keep the newest line in view</source>
        <translation>Die neueste Zeile sichtbar halten</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s), %1 older dropped</source>
        <translation>
            <numerusform>%n Zeile, %1 ältere verworfen</numerusform>
            <numerusform>%n Zeilen, %1 ältere verworfen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
</context>
<context>
    <name>sagedock::app::MainWindow</name>
    <message>
        <source>SageDock</source>
        <translation>SageDock</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>No pages were built into this copy of SageDock.</source>
        <translation>In diese Ausgabe von SageDock wurden keine Seiten eingebaut.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Log Folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About SageDock</source>
        <translation>Ü&amp;ber SageDock</translation>
    </message>
    <message>
        <source>Quit SageDock</source>
        <translation>SageDock beenden</translation>
    </message>
    <message numerus="yes">
        <source>%n SageMath session(s) are still running.</source>
        <translation>
            <numerusform>%n SageMath-Sitzung läuft noch.</numerusform>
            <numerusform>%n SageMath-Sitzungen laufen noch.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep them running (SageDock finds them again the next time it starts), or stop them now?</source>
        <translation>Weiterlaufen lassen (SageDock findet sie beim nächsten Start wieder) oder jetzt beenden?</translation>
    </message>
    <message>
        <source>&amp;Keep Running</source>
        <translation>&amp;Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>&amp;Stop Them</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message numerus="yes">
        <source>Stopping %n session(s)…</source>
        <translation>
            <numerusform>Beende %n Sitzung …</numerusform>
            <numerusform>Beende %n Sitzungen …</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not stop every session: %1</source>
        <translation>Nicht alle Sitzungen konnten beendet werden: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>sagedock::app::MatrixDetailsPanel</name>
    <message>
        <source>C&amp;opy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Open package &amp;page</source>
        <translation>Paket&amp;seite öffnen</translation>
    </message>
    <message>
        <source>&amp;Launch…</source>
        <translation>&amp;Starten …</translation>
    </message>
    <message>
        <source>Open this image on the Review page to start Jupyter or a shell in it</source>
        <translation>Dieses Image auf der Review-Seite öffnen, um Jupyter oder eine Shell darin zu starten</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Compared with parent</source>
        <translation>Vergleich mit Eltern-Image</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Erstellt durch</translation>
    </message>
    <message>
        <source>Select a cell to compare its layers with the previous stage.</source>
        <translation>Eine Zelle auswählen, um ihre Layer mit der vorherigen Stage zu vergleichen.</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>gemeinsam</translation>
    </message>
    <message>
        <source>only in parent</source>
        <translation>nur im Eltern-Image</translation>
    </message>
    <message>
        <source>differs from parent</source>
        <translation>weicht vom Eltern-Image ab</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
</context>
<context>
    <name>sagedock::app::MatrixModel</name>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Stage %1 (%2 of the selected stages)</source>
        <translation>Stage %1 (%2 der ausgewählten Stages)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n row(s))</source>
        <translation>
            <numerusform>%1 (%n Zeile)</numerusform>
            <numerusform>%1 (%n Zeilen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, built FROM %2</source>
        <translation>%1, gebaut mit FROM %2</translation>
    </message>
</context>
<context>
    <name>sagedock::app::MatrixPage</name>
    <message>
        <source>Build matrix</source>
        <translation>Build-Matrix</translation>
    </message>
    <message>
        <source>Last refresh %1: %2 present, %3 missing, %4 broken, %5 without parent, %6 errors.</source>
        <translation>Letzte Aktualisierung %1: %2 vorhanden, %3 fehlend, %4 defekt, %5 ohne Eltern-Image, %6 Fehler.</translation>
    </message>
    <message>
        <source>Refresh cancelled at %1 of %2 repositories.</source>
        <translation>Aktualisierung bei %1 von %2 Repositorys abgebrochen.</translation>
    </message>
    <message>
        <source>⚠ Offline: the registry could not be reached, so some cells show the last known answers from the cache.</source>
        <translation>⚠ Offline: Die Registry war nicht erreichbar, daher zeigen einige Zellen die letzten bekannten Antworten aus dem Cache.</translation>
    </message>
    <message>
        <source>⚠ Offline: the registry could not be reached and nothing is cached for this selection. %1</source>
        <translation>⚠ Offline: Die Registry war nicht erreichbar und für diese Auswahl ist nichts im Cache. %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to.</source>
        <translation>Einen Ordner mit Schreibrechten wählen.</translation>
    </message>
    <message>
        <source>saving the image failed</source>
        <translation>das Speichern des Bildes ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sage build matrix</source>
        <translation>Sage-Build-Matrix</translation>
    </message>
    <message>
        <source>the SVG file could not be opened</source>
        <translation>die SVG-Datei konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Unknown export format &apos;%1&apos;.</source>
        <translation>Unbekanntes Exportformat „%1“.</translation>
    </message>
    <message>
        <source>Export the matrix</source>
        <translation>Matrix exportieren</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1-Dateien (*.%2)</translation>
    </message>
</context>
<context>
    <name>sagedock::app::MatrixToolbar</name>
    <message>
        <source>Not refreshed yet.</source>
        <translation>Noch nicht aktualisiert.</translation>
    </message>
    <message>
        <source>Repository prefix the stage images live under; it ends in &apos;/&apos;.</source>
        <translation>Repository-Präfix, unter dem die Stage-Images liegen; endet auf „/“.</translation>
    </message>
    <message>
        <source>&amp;Repository:</source>
        <translation>&amp;Repository:</translation>
    </message>
    <message>
        <source>dev, latest, versions, PR merges (NNNNN-merge) and refs, as the registry has them.</source>
        <translation>dev, latest, Versionen, PR-Merges (NNNNN-merge) und Refs, wie sie in der Registry vorliegen.</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>&amp;Tag:</translation>
    </message>
    <message>
        <source>standard and minimal</source>
        <translation>standard und minimal</translation>
    </message>
    <message>
        <source>all three</source>
        <translation>alle drei</translation>
    </message>
    <message>
        <source>&amp;Packages:</source>
        <translation>&amp;Pakete:</translation>
    </message>
    <message numerus="yes">
        <source>Current CI (%n system(s))</source>
        <translation>
            <numerusform>Aktuelle CI (%n System)</numerusform>
            <numerusform>Aktuelle CI (%n Systeme)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All known (%n system(s))</source>
        <translation>
            <numerusform>Alle bekannten (%n System)</numerusform>
            <numerusform>Alle bekannten (%n Systeme)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CI of %1 (%n system(s))</source>
        <translation>
            <numerusform>CI von %1 (%n System)</numerusform>
            <numerusform>CI von %1 (%n Systeme)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Systems:</source>
        <translation>&amp;Systeme:</translation>
    </message>
    <message>
        <source>Filter systems, e.g. ubuntu or python3.12</source>
        <translation>Systeme filtern, z. B. ubuntu oder python3.12</translation>
    </message>
    <message>
        <source>Only &amp;problems</source>
        <translation>N&amp;ur Probleme</translation>
    </message>
    <message>
        <source>Show only rows with a missing, failed, broken or parentless stage.</source>
        <translation>Nur Zeilen mit einer fehlenden, fehlgeschlagenen, defekten oder elternlosen Stage anzeigen.</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>A&amp;bbrechen</translation>
    </message>
    <message>
        <source>%v of %m repositories</source>
        <translation>%v von %m Repositorys</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Image (PNG)…</source>
        <translation>Bild (PNG)…</translation>
    </message>
    <message>
        <source>Vector image (SVG)…</source>
        <translation>Vektorgrafik (SVG)…</translation>
    </message>
    <message>
        <source>HTML report…</source>
        <translation>HTML-Bericht…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
</context>
<context>
    <name>sagedock::app::NotebooksFolderRow</name>
    <message>
        <source>&amp;Notebooks folder:</source>
        <translation>&amp;Notebook-Ordner:</translation>
    </message>
    <message>
        <source>Mounted in the container below its home folder (as ~/notebooks); created when needed.</source>
        <translation>Wird im Container unterhalb des Home-Ordners eingehängt (als ~/notebooks); wird bei Bedarf angelegt.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Notebooks folder</source>
        <translation>Notebook-Ordner</translation>
    </message>
</context>
<context>
    <name>sagedock::app::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>Registries</source>
        <translation>Registries</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Automatic (DOCKER_HOST, docker context, default socket, Podman)</source>
        <translation>Automatisch (DOCKER_HOST, docker context, Standard-Socket, Podman)</translation>
    </message>
    <message>
        <source>Engine endpoint:</source>
        <translation>Engine-Endpunkt:</translation>
    </message>
    <message>
        <source>Examples: unix:///var/run/docker.sock, unix:///run/user/1000/podman/podman.sock, tcp://build-host:2376. Leave empty to choose like the docker command does.</source>
        <translation>Beispiele: unix:///var/run/docker.sock, unix:///run/user/1000/podman/podman.sock, tcp://build-host:2376. Leer lassen, um wie der docker-Befehl auszuwählen.</translation>
    </message>
    <message>
        <source>Stage image repository:</source>
        <translation>Stage-Image-Repository:</translation>
    </message>
    <message>
        <source>host:port, host:port</source>
        <translation>host:port, host:port</translation>
    </message>
    <message>
        <source>Registries allowed over plain HTTP:</source>
        <translation>Über einfaches HTTP erlaubte Registries:</translation>
    </message>
    <message>
        <source>Extra CA certificates (PEM):</source>
        <translation>Zusätzliche CA-Zertifikate (PEM):</translation>
    </message>
    <message>
        <source>Credentials come from your Docker configuration (docker login); SageDock never stores or logs them.</source>
        <translation>Zugangsdaten stammen aus der Docker-Konfiguration (docker login); SageDock speichert oder protokolliert sie nie.</translation>
    </message>
    <message>
        <source>Default notebooks folder:</source>
        <translation>Standard-Notebook-Ordner:</translation>
    </message>
    <message>
        <source>First Jupyter port to try:</source>
        <translation>Erster zu versuchender Jupyter-Port:</translation>
    </message>
    <message>
        <source>Open the browser when Jupyter is ready</source>
        <translation>Browser öffnen, sobald Jupyter bereit ist</translation>
    </message>
    <message>
        <source>Keep containers after Stop (default: remove them)</source>
        <translation>Container nach dem Stoppen behalten (Standard: entfernen)</translation>
    </message>
    <message>
        <source>Publish Jupyter on all network interfaces</source>
        <translation>Jupyter auf allen Netzwerkschnittstellen bereitstellen</translation>
    </message>
    <message>
        <source>Warning: anyone on your network who learns the token can run code as you. By default SageDock publishes on 127.0.0.1 only.</source>
        <translation>Warnung: Jeder im Netzwerk, der das Token kennt, kann Code unter Ihrem Konto ausführen. Standardmäßig stellt SageDock nur auf 127.0.0.1 bereit.</translation>
    </message>
    <message>
        <source>Automatic ($TERMINAL, x-terminal-emulator, gnome-terminal, konsole, xterm)</source>
        <translation>Automatisch ($TERMINAL, x-terminal-emulator, gnome-terminal, konsole, xterm)</translation>
    </message>
    <message>
        <source>Terminal for shells:</source>
        <translation>Terminal für Shells:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>A new language applies the next time SageDock starts.</source>
        <translation>Eine neue Sprache wird beim nächsten Start von SageDock wirksam.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How long a launch waits for Jupyter to print its address before it gives up and shows the container&apos;s log.</source>
        <translation>Wie lange ein Start darauf wartet, dass Jupyter seine Adresse ausgibt, bevor er aufgibt und das Protokoll des Containers zeigt.</translation>
    </message>
    <message>
        <source>Wait for Jupyter at most:</source>
        <translation>Höchstens auf Jupyter warten:</translation>
    </message>
</context>
<context>
    <name>sagedock::app::ReadyRow</name>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>URL &amp;kopieren</translation>
    </message>
    <message>
        <source>No web browser could be started. Press Copy URL and paste the address into a browser.</source>
        <translation>Es konnte kein Webbrowser gestartet werden. Drücken Sie „URL kopieren“ und fügen Sie die Adresse in einen Browser ein.</translation>
    </message>
</context>
<context>
    <name>sagedock::app::ReleaseModel</name>
    <message>
        <source>Latest release</source>
        <translation>Neuestes Release</translation>
    </message>
    <message>
        <source>Development (newest beta)</source>
        <translation>Entwicklung (neueste Beta)</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <source>Pre-release</source>
        <translation>Vorabversion</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>Nicht heruntergeladen</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Auf diesem Computer</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>sagedock::app::ReviewImageModel</name>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
</context>
<context>
    <name>sagedock::app::ReviewPage</name>
    <message>
        <source>&amp;PR, branch, tag or image:</source>
        <translation>&amp;PR, Branch, Tag oder Image:</translation>
    </message>
    <message>
        <source>41000, u/jdoe/fix-matrix, 10.8.beta6 or ghcr.io/sagemath/sage/sage-…:dev</source>
        <translation>41000, u/jdoe/fix-matrix, 10.8.beta6 oder ghcr.io/sagemath/sage/sage-…:dev</translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation>&amp;Nachschlagen</translation>
    </message>
    <message>
        <source>Open in &amp;Jupyter</source>
        <translation>In &amp;Jupyter öffnen</translation>
    </message>
    <message>
        <source>Open a &amp;shell</source>
        <translation>&amp;Shell öffnen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) found.</source>
        <translation>
            <numerusform>%n Image gefunden.</numerusform>
            <numerusform>%n Images gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Image %1</source>
        <translation>Image %1</translation>
    </message>
    <message>
        <source>%1 → images tagged %2 in %3</source>
        <translation>%1 → Images mit Tag %2 in %3</translation>
    </message>
    <message>
        <source>Pick an image first.</source>
        <translation>Zuerst ein Image auswählen.</translation>
    </message>
    <message>
        <source>Jupyter is ready: %1</source>
        <translation>Jupyter ist bereit: %1</translation>
    </message>
    <message>
        <source>A shell opened in %1.</source>
        <translation>Eine Shell wurde in %1 geöffnet.</translation>
    </message>
    <message>
        <source>No terminal emulator found; run this command in a terminal:</source>
        <translation>Kein Terminal-Emulator gefunden; diesen Befehl in einem Terminal ausführen:</translation>
    </message>
    <message>
        <source>Unpacking %p%</source>
        <translation>Entpacken %p %</translation>
    </message>
    <message>
        <source>Type a pull request number, branch, tag or image above, then look it up to list the images you can open.</source>
        <translation>Geben Sie oben eine Pull-Request-Nummer, einen Branch, ein Tag oder ein Image ein und suchen Sie danach, um die Images aufzulisten, die Sie öffnen können.</translation>
    </message>
</context>
<context>
    <name>sagedock::app::SameFolderCheck</name>
    <message>
        <source>A session is already running</source>
        <translation>Eine Sitzung läuft bereits</translation>
    </message>
    <message>
        <source>%1 already runs Jupyter on the folder %2 (%3).</source>
        <translation>%1 führt Jupyter bereits auf dem Ordner %2 aus (%3).</translation>
    </message>
    <message>
        <source>Open that session, or start another one on the same folder?</source>
        <translation>Diese Sitzung öffnen oder eine weitere auf demselben Ordner starten?</translation>
    </message>
    <message>
        <source>&amp;Open It</source>
        <translation>Sitzung ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Start Another</source>
        <translation>&amp;Weitere starten</translation>
    </message>
</context>
<context>
    <name>sagedock::app::SessionModel</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (shell)</source>
        <translation>%1 (Shell)</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopped (%1)</source>
        <translation>Beendet (%1)</translation>
    </message>
    <message>
        <source>%1 on this computer is %2 in the container</source>
        <translation>%1 auf diesem Computer ist %2 im Container</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Flavor</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Notebooks folder</source>
        <translation>Notebook-Ordner</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>sagedock::app::SessionsPage</name>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <source>&amp;Shell</source>
        <translation>&amp;Shell</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>[log ended: %1]</source>
        <translation>[Protokoll beendet: %1]</translation>
    </message>
    <message>
        <source>[the container stopped]</source>
        <translation>[der Container wurde gestoppt]</translation>
    </message>
    <message>
        <source>Opened a shell in %1 with %2.</source>
        <translation>Shell in %1 mit %2 geöffnet.</translation>
    </message>
    <message>
        <source>No terminal emulator found ($TERMINAL, x-terminal-emulator, gnome-terminal, konsole, xterm). Copy this command into a terminal:</source>
        <translation>Kein Terminalemulator gefunden ($TERMINAL, x-terminal-emulator, gnome-terminal, konsole, xterm). Kopieren Sie diesen Befehl in ein Terminal:</translation>
    </message>
    <message>
        <source>Stopping %1…</source>
        <translation>%1 wird gestoppt…</translation>
    </message>
    <message>
        <source>Stopped %1.</source>
        <translation>%1 gestoppt.</translation>
    </message>
    <message>
        <source>No sessions are running: pick a SageMath version on the Launch page and press Launch.</source>
        <translation>Es laufen keine Sitzungen: Wählen Sie auf der Seite „Starten“ eine SageMath-Version und klicken Sie auf „Starten“.</translation>
    </message>
    <message>
        <source>Go to Launch</source>
        <translation>Zu „Starten“</translation>
    </message>
    <message>
        <source>Select a session to follow its output here.</source>
        <translation>Wählen Sie eine Sitzung, um hier ihre Ausgabe zu verfolgen.</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>URL &amp;kopieren</translation>
    </message>
    <message>
        <source>Copied the address of %1.</source>
        <translation>Adresse von %1 kopiert.</translation>
    </message>
</context>
<context>
    <name>sagedock::app::ToxEnvironmentModel</name>
    <message numerus="yes">
        <source>%n environment(s)</source>
        <translation>
            <numerusform>%n Umgebung</numerusform>
            <numerusform>%n Umgebungen</numerusform>
        </translation>
    </message>
    <message>
        <source>tox -e %1</source>
        <translation>tox -e %1</translation>
    </message>
    <message>
        <source>System / tox environment</source>
        <translation>System / tox-Umgebung</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Modifiers</source>
        <translation>Modifikatoren</translation>
    </message>
</context>
<context>
    <name>sagedock::buildlog</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Check the path and the file&apos;s permissions.</source>
        <translation>Prüfen Sie den Pfad und die Zugriffsrechte der Datei.</translation>
    </message>
    <message>
        <source>did not finish</source>
        <translation>nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Step &quot;%1&quot; was executed %2 times in this log: a later build did not reuse the cache of the first (&quot;everything built twice&quot;). Check that every build uses the same build arguments and base image, and that the builder keeps its cache between builds.</source>
        <translation>Schritt „%1“ wurde in diesem Protokoll %2-mal ausgeführt: Ein späterer Build hat den Cache des ersten nicht wiederverwendet („alles doppelt gebaut“). Prüfen Sie, ob jeder Build dieselben Build-Argumente und dasselbe Basis-Image verwendet und ob der Builder seinen Cache zwischen Builds behält.</translation>
    </message>
    <message>
        <source>The files copied by this %1 changed (content, permissions or owner; mtime does not count) — or a .dockerignore edit changed what the context holds.</source>
        <translation>Die von diesem %1 kopierten Dateien haben sich geändert (Inhalt, Berechtigungen oder Eigentümer; mtime zählt nicht) – oder eine Änderung an .dockerignore hat den Inhalt des Kontexts verändert.</translation>
    </message>
    <message>
        <source>A build argument used by this RUN changed: %1.</source>
        <translation>Ein von diesem RUN verwendetes Build-Argument hat sich geändert: %1.</translation>
    </message>
    <message>
        <source>The RUN command or a build argument in its scope changed (BuildKit prints argument values expanded; compare with an earlier log to see which).</source>
        <translation>Der RUN-Befehl oder ein Build-Argument in seinem Gültigkeitsbereich hat sich geändert (BuildKit gibt Argumentwerte expandiert aus; zum Herausfinden mit einem früheren Protokoll vergleichen).</translation>
    </message>
    <message>
        <source>The %1 instruction itself changed.</source>
        <translation>Die %1-Anweisung selbst hat sich geändert.</translation>
    </message>
    <message>
        <source>Stage %1, which this stage builds on, was rebuilt (see its first executed step).</source>
        <translation>Stage %1, auf der diese Stage aufbaut, wurde neu gebaut (siehe ihren ersten ausgeführten Schritt).</translation>
    </message>
    <message>
        <source>The base image was pulled anew (%1): its digest changed, so no cached step matches. Pin the base image by digest to make this deliberate.</source>
        <translation>Das Basis-Image wurde neu heruntergeladen (%1): Sein Digest hat sich geändert, daher passt kein Schritt aus dem Cache. Das Basis-Image per Digest festlegen, um dies bewusst zu steuern.</translation>
    </message>
    <message>
        <source>No usable cache source: the legacy builder rebuilds every stage up to the target and cannot import BuildKit cache from a registry. Build with BuildKit (DOCKER_BUILDKIT=1 or docker buildx) and --cache-from.</source>
        <translation>Keine nutzbare Cache-Quelle: Der alte Builder baut jede Stage bis zum Ziel neu und kann keinen BuildKit-Cache aus einer Registry importieren. Mit BuildKit (DOCKER_BUILDKIT=1 oder docker buildx) und --cache-from bauen.</translation>
    </message>
    <message>
        <source>No usable cache source: importing the cache from %1 failed (%2).</source>
        <translation>Keine nutzbare Cache-Quelle: Der Import des Caches von %1 ist fehlgeschlagen (%2).</translation>
    </message>
    <message>
        <source>No usable cache source for this stage: the imported cache is inline or mode=min, which only carries the final stage&apos;s layers. Export the cache with --cache-to type=registry,mode=max, or build and push each stage as its own image.</source>
        <translation>Keine nutzbare Cache-Quelle für diese Stage: Der importierte Cache ist inline oder mode=min und enthält nur die Layer der letzten Stage. Den Cache mit --cache-to type=registry,mode=max exportieren oder jede Stage als eigenes Image bauen und pushen.</translation>
    </message>
    <message>
        <source>No usable cache source: nothing was cached locally and no --cache-from was given (a cold build). Pass --cache-from with an image built with an exported cache.</source>
        <translation>Keine nutzbare Cache-Quelle: Lokal war nichts im Cache und kein --cache-from angegeben (ein kalter Build). --cache-from mit einem Image angeben, das mit exportiertem Cache gebaut wurde.</translation>
    </message>
    <message>
        <source>The imported cache had no match for the first step: the base image digest (or the build arguments) differ from the build that exported it.</source>
        <translation>Der importierte Cache hatte keinen Treffer für den ersten Schritt: Der Digest des Basis-Images (oder die Build-Argumente) unterscheidet sich von dem Build, der ihn exportiert hat.</translation>
    </message>
    <message>
        <source>The first step after the base image missed while other stages hit: the base image most likely resolved to a new digest.</source>
        <translation>Der erste Schritt nach dem Basis-Image hat den Cache verfehlt, während andere Stages Treffer hatten: Das Basis-Image wurde höchstwahrscheinlich zu einem neuen Digest aufgelöst.</translation>
    </message>
    <message>
        <source>max depth exceeded: the image has more layers than the storage driver allows (about 125). This build adds %1 layer-creating steps on top of its base image; incremental builds stack layers on the previous image each time. Start again from a fresh base image.</source>
        <translation>max depth exceeded: Das Image hat mehr Layer, als der Storage-Treiber erlaubt (etwa 125). Dieser Build fügt %1 Layer erzeugende Schritte auf sein Basis-Image hinzu; inkrementelle Builds stapeln jedes Mal Layer auf das vorherige Image. Neu mit einem frischen Basis-Image beginnen.</translation>
    </message>
    <message>
        <source>This log comes from the legacy builder: it builds every stage before the target and ignores BuildKit cache sources. Use BuildKit for cache imports from a registry.</source>
        <translation>Dieses Protokoll stammt vom alten Builder: Er baut jede Stage vor dem Ziel und ignoriert BuildKit-Cache-Quellen. Für Cache-Importe aus einer Registry BuildKit verwenden.</translation>
    </message>
    <message>
        <source>differs in B: %1</source>
        <translation>unterscheidet sich in B: %1</translation>
    </message>
    <message>
        <source>Cached in A, executed in B:</source>
        <translation>In A aus dem Cache, in B ausgeführt:</translation>
    </message>
    <message>
        <source>Executed in A, cached in B:</source>
        <translation>In A ausgeführt, in B aus dem Cache:</translation>
    </message>
    <message>
        <source>Only in A: %1 steps; only in B: %2 steps.</source>
        <translation>Nur in A: %1 Schritte; nur in B: %2 Schritte.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The log has %1 more steps than the %2 SageDock diagnoses; the numbers cover the first %2.</source>
        <translation>Das Log hat %1 Schritte mehr als die %2, die SageDock diagnostiziert; die Zahlen betreffen die ersten %2.</translation>
    </message>
    <message>
        <source>The builder reported %1 more warnings or errors than the %2 kept; the first ones are shown.</source>
        <translation>Der Builder meldete %1 Warnungen oder Fehler mehr als die %2 behaltenen; die ersten werden gezeigt.</translation>
    </message>
</context>
<context>
    <name>sagedock::engine</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON.</source>
        <translation>%1 ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>Fix or remove the file, then try again.</source>
        <translation>Korrigieren oder entfernen Sie die Datei und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The docker context &quot;%1&quot; does not exist.</source>
        <translation>Der docker context „%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>List contexts with `docker context ls`, or choose another one with `docker context use NAME` (set by %1).</source>
        <translation>Kontexte mit `docker context ls` auflisten oder mit `docker context use NAME` einen anderen wählen (gesetzt durch %1).</translation>
    </message>
    <message>
        <source>The docker context &quot;%1&quot; has no Docker endpoint.</source>
        <translation>Der docker context „%1“ hat keinen Docker-Endpunkt.</translation>
    </message>
    <message>
        <source>Recreate it with `docker context create %1 --docker host=...`.</source>
        <translation>Erstellen Sie ihn neu mit `docker context create %1 --docker host=...`.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Docker engine address.</source>
        <translation>„%1“ ist keine Docker-Engine-Adresse.</translation>
    </message>
    <message>
        <source>Use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host.</source>
        <translation>Verwenden Sie unix:///path/to/docker.sock, tcp://host:port oder ssh://user@host.</translation>
    </message>
    <message>
        <source>The engine sent an unreadable answer to %1.</source>
        <translation>Die Engine hat auf %1 eine unlesbare Antwort gesendet.</translation>
    </message>
    <message>
        <source>Check that the endpoint is a Docker or Podman engine.</source>
        <translation>Prüfen Sie, ob der Endpunkt eine Docker- oder Podman-Engine ist.</translation>
    </message>
    <message>
        <source>Start Podman&apos;s API socket: systemctl --user enable --now podman.socket (or sudo systemctl enable --now podman.socket for the rootful one).</source>
        <translation>Starten Sie den API-Socket von Podman: systemctl --user enable --now podman.socket (oder sudo systemctl enable --now podman.socket für den Rootful-Socket).</translation>
    </message>
    <message>
        <source>Start Docker: sudo systemctl start docker (or start Docker Desktop), or choose another engine in Preferences / with DOCKER_HOST.</source>
        <translation>Starten Sie Docker: sudo systemctl start docker (oder Docker Desktop starten) oder wählen Sie eine andere Engine in den Einstellungen / mit DOCKER_HOST.</translation>
    </message>
    <message>
        <source>The container engine is not running: there is no socket at %1.</source>
        <translation>Die Container-Engine läuft nicht: Unter %1 gibt es keinen Socket.</translation>
    </message>
    <message>
        <source>Permission denied on the engine socket %1.</source>
        <translation>Zugriff auf den Engine-Socket %1 verweigert.</translation>
    </message>
    <message>
        <source>Add yourself to the docker group: sudo usermod -aG docker $USER, then log in again.</source>
        <translation>Fügen Sie sich der Gruppe docker hinzu: sudo usermod -aG docker $USER, und melden Sie sich dann neu an.</translation>
    </message>
    <message>
        <source>The container engine at %1 does not answer (%2).</source>
        <translation>Die Container-Engine unter %1 antwortet nicht (%2).</translation>
    </message>
    <message>
        <source>The TLS connection to the engine at %1 failed: %2</source>
        <translation>Die TLS-Verbindung zur Engine unter %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Check the certificates of the docker context (ca.pem, cert.pem, key.pem) or DOCKER_CERT_PATH.</source>
        <translation>Prüfen Sie die Zertifikate des docker context (ca.pem, cert.pem, key.pem) oder DOCKER_CERT_PATH.</translation>
    </message>
    <message>
        <source>Cannot reach the container engine at %1 (%2).</source>
        <translation>Die Container-Engine unter %1 ist nicht erreichbar (%2).</translation>
    </message>
    <message>
        <source>Check that the daemon listens there and that DOCKER_HOST or the docker context is right.</source>
        <translation>Prüfen Sie, ob der Daemon dort lauscht und ob DOCKER_HOST bzw. der docker context stimmt.</translation>
    </message>
    <message>
        <source>The host port is already in use.</source>
        <translation>Der Host-Port wird bereits verwendet.</translation>
    </message>
    <message>
        <source>The host port %1 is already in use.</source>
        <translation>Der Host-Port %1 wird bereits verwendet.</translation>
    </message>
    <message>
        <source>Choose another port, or stop what is using it.</source>
        <translation>Wählen Sie einen anderen Port oder beenden Sie, was ihn belegt.</translation>
    </message>
    <message>
        <source>The container name is already in use: %1</source>
        <translation>Der Containername wird bereits verwendet: %1</translation>
    </message>
    <message>
        <source>Remove the old container (docker rm NAME) or choose another name.</source>
        <translation>Entfernen Sie den alten Container (docker rm NAME) oder wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The image cannot be pulled: %1</source>
        <translation>Das Image kann nicht heruntergeladen werden: %1</translation>
    </message>
    <message>
        <source>Check the image name and tag; private images need `docker login REGISTRY`.</source>
        <translation>Prüfen Sie Image-Name und Tag; private Images erfordern `docker login REGISTRY`.</translation>
    </message>
    <message>
        <source>The image does not exist: %1</source>
        <translation>Das Image existiert nicht: %1</translation>
    </message>
    <message>
        <source>Check the name and tag, or pull it first.</source>
        <translation>Prüfen Sie Name und Tag oder laden Sie das Image zuerst herunter.</translation>
    </message>
    <message>
        <source>The container no longer exists: %1</source>
        <translation>Der Container existiert nicht mehr: %1</translation>
    </message>
    <message>
        <source>It was removed; refresh the list of sessions.</source>
        <translation>Er wurde entfernt; aktualisieren Sie die Liste der Sitzungen.</translation>
    </message>
    <message>
        <source>The registry refused the pull: %1</source>
        <translation>Die Registry hat den Pull abgelehnt: %1</translation>
    </message>
    <message>
        <source>Wait a while or log in (docker login) to get a higher pull limit.</source>
        <translation>Warten Sie eine Weile oder melden Sie sich an (docker login), um ein höheres Pull-Limit zu erhalten.</translation>
    </message>
    <message>
        <source>The engine does not accept this API version: %1</source>
        <translation>Die Engine akzeptiert diese API-Version nicht: %1</translation>
    </message>
    <message>
        <source>Update Docker or Podman.</source>
        <translation>Aktualisieren Sie Docker oder Podman.</translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation>HTTP-Status %1</translation>
    </message>
    <message>
        <source>The engine could not %1: %2</source>
        <translation>Die Engine ist an folgender Aktion gescheitert: %1: %2</translation>
    </message>
    <message>
        <source>See the engine&apos;s log (journalctl -u docker) for details.</source>
        <translation>Details finden Sie im Protokoll der Engine (journalctl -u docker).</translation>
    </message>
    <message>
        <source>Podman cannot run the container&apos;s init process: %1</source>
        <translation>Podman kann den Init-Prozess des Containers nicht ausführen: %1</translation>
    </message>
    <message>
        <source>Install catatonit (Debian, Ubuntu: sudo apt install catatonit) or set init_path in containers.conf.</source>
        <translation>Installieren Sie catatonit (Debian, Ubuntu: sudo apt install catatonit) oder setzen Sie init_path in containers.conf.</translation>
    </message>
    <message>
        <source> (context %1)</source>
        <translation> (Kontext %1)</translation>
    </message>
    <message>
        <source>SageDock cannot talk to ssh:// engines directly (%1).</source>
        <translation>SageDock kann nicht direkt mit ssh://-Engines kommunizieren (%1).</translation>
    </message>
    <message>
        <source>Forward the remote socket: ssh -NL /tmp/remote-docker.sock:/var/run/docker.sock %1, then use unix:///tmp/remote-docker.sock.</source>
        <translation>Den entfernten Socket weiterleiten: ssh -NL /tmp/remote-docker.sock:/var/run/docker.sock %1, dann unix:///tmp/remote-docker.sock verwenden.</translation>
    </message>
    <message>
        <source>answer /_ping</source>
        <translation>auf /_ping antworten</translation>
    </message>
    <message>
        <source>report its version</source>
        <translation>ihre Version melden</translation>
    </message>
    <message>
        <source>inspect the image %1</source>
        <translation>das Image %1 untersuchen</translation>
    </message>
    <message>
        <source>The image %1 is not present locally.</source>
        <translation>Das Image %1 ist lokal nicht vorhanden.</translation>
    </message>
    <message>
        <source>Pull it first.</source>
        <translation>Zuerst herunterladen (Pull).</translation>
    </message>
    <message>
        <source>list images</source>
        <translation>Images auflisten</translation>
    </message>
    <message>
        <source>create the container</source>
        <translation>den Container erstellen</translation>
    </message>
    <message>
        <source>No such image: %1</source>
        <translation>Kein solches Image: %1</translation>
    </message>
    <message>
        <source>start the container</source>
        <translation>den Container starten</translation>
    </message>
    <message>
        <source>stop the container</source>
        <translation>den Container stoppen</translation>
    </message>
    <message>
        <source>kill the container</source>
        <translation>den Container beenden (kill)</translation>
    </message>
    <message>
        <source>remove the container</source>
        <translation>den Container entfernen</translation>
    </message>
    <message>
        <source>wait for the container</source>
        <translation>auf den Container warten</translation>
    </message>
    <message>
        <source>inspect the container</source>
        <translation>den Container untersuchen</translation>
    </message>
    <message>
        <source>list containers</source>
        <translation>Container auflisten</translation>
    </message>
    <message>
        <source>read the container&apos;s log</source>
        <translation>das Protokoll des Containers lesen</translation>
    </message>
    <message>
        <source>Unpacking: %1 of %2, layer %3 of %4</source>
        <translation>Entpacken: %1 von %2, Layer %3 von %4</translation>
    </message>
    <message>
        <source>%1 of %2, layer %3 of %4</source>
        <translation>%1 von %2, Layer %3 von %4</translation>
    </message>
    <message>
        <source>, %1/s</source>
        <translation>, %1/s</translation>
    </message>
    <message numerus="yes">
        <source>, about %n second(s) left</source>
        <translation>
            <numerusform>, noch etwa %n Sekunde</numerusform>
            <numerusform>, noch etwa %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2%</source>
        <translation>%1: %2 %</translation>
    </message>
    <message>
        <source>%1: unpacking %2%</source>
        <translation>%1: entpackt %2 %</translation>
    </message>
    <message>
        <source>SageDock refused to %1: the engine object has no id.</source>
        <translation>SageDock hat „%1“ abgelehnt: Das Engine-Objekt hat keine ID.</translation>
    </message>
    <message>
        <source>The engine reported more than %1 layers for one image; SageDock stopped reading the pull.</source>
        <translation>Die Engine meldete mehr als %1 Layer für ein Image; SageDock hat das Lesen des Pulls beendet.</translation>
    </message>
</context>
<context>
    <name>sagedock::engine::EventStream</name>
    <message>
        <source>report events</source>
        <translation>Ereignisse melden</translation>
    </message>
    <message>
        <source>Stopped following engine events.</source>
        <translation>Verfolgung der Engine-Ereignisse beendet.</translation>
    </message>
</context>
<context>
    <name>sagedock::engine::LogStream</name>
    <message>
        <source>read the container&apos;s log</source>
        <translation>das Protokoll des Containers lesen</translation>
    </message>
    <message>
        <source>The engine stopped the log stream: %1</source>
        <translation>Die Engine hat den Log-Stream beendet: %1</translation>
    </message>
    <message>
        <source>Stopped following the log.</source>
        <translation>Das Log wird nicht mehr verfolgt.</translation>
    </message>
</context>
<context>
    <name>sagedock::engine::PullJob</name>
    <message>
        <source>pull %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <source>The pull of %1 was cancelled.</source>
        <translation>Das Herunterladen von %1 wurde abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>The pull of %1 stalled: the engine sent nothing for %n second(s).</source>
        <translation>
            <numerusform>Der Pull von %1 stockt: Die Engine hat %n Sekunde lang nichts gesendet.</numerusform>
            <numerusform>Der Pull von %1 stockt: Die Engine hat %n Sekunden lang nichts gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the network and the engine (docker info), then try again; sagedock-cli&apos;s --timeout sets this limit.</source>
        <translation>Prüfen Sie Netzwerk und Engine (docker info) und versuchen Sie es erneut; --timeout von sagedock-cli setzt diese Grenze.</translation>
    </message>
</context>
<context>
    <name>sagedock::engine::StreamJob</name>
    <message numerus="yes">
        <source>The container engine sent nothing for %n second(s); SageDock stopped waiting.</source>
        <translation>
            <numerusform>Die Container-Engine hat %n Sekunde lang nichts gesendet; SageDock wartet nicht länger.</numerusform>
            <numerusform>Die Container-Engine hat %n Sekunden lang nichts gesendet; SageDock wartet nicht länger.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the engine (docker info, journalctl -u docker) and try again.</source>
        <translation>Prüfen Sie die Engine (docker info, journalctl -u docker) und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>sagedock::http</name>
    <message>
        <source>%1 did not answer in time (%2).</source>
        <translation>%1 hat nicht rechtzeitig geantwortet (%2).</translation>
    </message>
    <message>
        <source>Check the network, or try again later.</source>
        <translation>Prüfen Sie das Netzwerk oder versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Cannot find the host %1.</source>
        <translation>Der Host %1 wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Check the name and your network connection.</source>
        <translation>Prüfen Sie den Namen und die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>Cannot connect to %1 (%2).</source>
        <translation>Verbindung zu %1 nicht möglich (%2).</translation>
    </message>
    <message>
        <source>Check that the service is running and the address is right.</source>
        <translation>Prüfen Sie, ob der Dienst läuft und die Adresse stimmt.</translation>
    </message>
    <message>
        <source>The answer from %1 is larger than %2 bytes.</source>
        <translation>Die Antwort von %1 ist größer als %2 Bytes.</translation>
    </message>
    <message>
        <source>%1 redirected too many times.</source>
        <translation>%1 hat zu oft umgeleitet.</translation>
    </message>
    <message>
        <source>%1 redirected to a protocol that is not allowed (%2).</source>
        <translation>%1 hat auf ein nicht erlaubtes Protokoll umgeleitet (%2).</translation>
    </message>
    <message>
        <source>SageDock never downgrades HTTPS to plain HTTP.</source>
        <translation>SageDock stuft HTTPS nie auf einfaches HTTP herab.</translation>
    </message>
    <message>
        <source>Request to %1 failed: %2</source>
        <translation>Anfrage an %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Unsupported address %1.</source>
        <translation>Nicht unterstützte Adresse %1.</translation>
    </message>
    <message>
        <source>Refusing plain HTTP to %1.</source>
        <translation>Unverschlüsseltes HTTP zu %1 wird verweigert.</translation>
    </message>
    <message>
        <source>Use HTTPS, or mark the registry as insecure in Preferences if you trust the network.</source>
        <translation>HTTPS verwenden oder die Registry in den Einstellungen als unsicher markieren, wenn Sie dem Netzwerk vertrauen.</translation>
    </message>
    <message>
        <source>The client certificate for %1 cannot be used (%2).</source>
        <translation>Das Client-Zertifikat für %1 kann nicht verwendet werden (%2).</translation>
    </message>
    <message>
        <source>Check client.cert and client.key in %1: a PEM certificate and its unencrypted key.</source>
        <translation>Prüfen Sie client.cert und client.key in %1: ein PEM-Zertifikat und sein unverschlüsselter Schlüssel.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not issued for the name %2.</source>
        <translation>Das Zertifikat von %1 ist nicht für den Namen %2 ausgestellt.</translation>
    </message>
    <message>
        <source>Use the host name the certificate names, or have the registry&apos;s operator issue one for this name.</source>
        <translation>Verwenden Sie den Hostnamen aus dem Zertifikat oder lassen Sie den Betreiber der Registry eines für diesen Namen ausstellen.</translation>
    </message>
    <message>
        <source>The certificate of %1 has expired.</source>
        <translation>Das Zertifikat von %1 ist abgelaufen.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not valid yet.</source>
        <translation>Das Zertifikat von %1 ist noch nicht gültig.</translation>
    </message>
    <message>
        <source>The registry&apos;s operator must renew it; check this computer&apos;s clock too.</source>
        <translation>Der Betreiber der Registry muss es erneuern; prüfen Sie auch die Uhr dieses Computers.</translation>
    </message>
    <message>
        <source>%1 presents a certificate signed by a CA this computer does not trust.</source>
        <translation>%1 legt ein Zertifikat vor, das von einer CA signiert ist, der dieser Computer nicht vertraut.</translation>
    </message>
    <message>
        <source>Put that CA certificate in %1/ca.crt, or name it under Preferences &gt; Extra CA certificates.</source>
        <translation>Legen Sie dieses CA-Zertifikat als %1/ca.crt ab oder geben Sie es unter Einstellungen &gt; Zusätzliche CA-Zertifikate an.</translation>
    </message>
    <message>
        <source>%1 wants a client certificate it trusts (%2).</source>
        <translation>%1 verlangt ein Client-Zertifikat, dem es vertraut (%2).</translation>
    </message>
    <message>
        <source>Put client.cert and client.key, signed by a CA the registry trusts, in %1.</source>
        <translation>Legen Sie client.cert und client.key, signiert von einer CA, der die Registry vertraut, in %1 ab.</translation>
    </message>
    <message>
        <source>Secure connection to %1 failed: %2.</source>
        <translation>Sichere Verbindung zu %1 fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <source>Put the registry&apos;s CA certificate in %1/ca.crt, or mark the registry insecure in Preferences if it only speaks plain HTTP.</source>
        <translation>Legen Sie das CA-Zertifikat der Registry als %1/ca.crt ab oder markieren Sie die Registry in den Einstellungen als unsicher, wenn sie nur unverschlüsseltes HTTP spricht.</translation>
    </message>
    <message>
        <source>%1 refused the secure connection: %2.</source>
        <translation>%1 hat die sichere Verbindung abgelehnt: %2.</translation>
    </message>
    <message>
        <source>If it needs a client certificate, put client.cert and client.key in %1.</source>
        <translation>Wenn sie ein Client-Zertifikat verlangt, legen Sie client.cert und client.key in %1 ab.</translation>
    </message>
    <message>
        <source>%1 redirected to %2, a protocol SageDock does not follow.</source>
        <translation>%1 leitete auf %2 um, ein Protokoll, dem SageDock nicht folgt.</translation>
    </message>
    <message>
        <source>%1 redirected to plain HTTP at %2; SageDock refused to follow.</source>
        <translation>%1 leitete auf unverschlüsseltes HTTP unter %2 um; SageDock folgt dem nicht.</translation>
    </message>
    <message>
        <source>Plain HTTP only reaches this computer or a registry marked insecure in Preferences; ask the registry&apos;s operator to redirect to HTTPS.</source>
        <translation>Unverschlüsseltes HTTP geht nur an diesen Computer oder an eine in den Einstellungen als unsicher markierte Registry; bitten Sie den Betreiber der Registry, auf HTTPS umzuleiten.</translation>
    </message>
    <message>
        <source>%1 has no matching key.</source>
        <translation>Zu %1 gibt es keinen passenden Schlüssel.</translation>
    </message>
    <message>
        <source>Put its key next to it as %1.</source>
        <translation>Legen Sie den Schlüssel daneben als %1 ab.</translation>
    </message>
    <message numerus="yes">
        <source>%1 closed the connection in the middle of an answer, %n time(s) in a row (%2).</source>
        <translation>
            <numerusform>%1 hat die Verbindung mitten in einer Antwort geschlossen, %n Mal hintereinander (%2).</numerusform>
            <numerusform>%1 hat die Verbindung mitten in einer Antwort geschlossen, %n Mal hintereinander (%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>Try again; if it persists, a proxy or the server drops connections.</source>
        <translation>Versuchen Sie es erneut; wenn es bleibt, bricht ein Proxy oder der Server Verbindungen ab.</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate (-----BEGIN CERTIFICATE-----).</source>
        <translation>%1 enthält kein PEM-Zertifikat (-----BEGIN CERTIFICATE-----).</translation>
    </message>
    <message>
        <source>The Extra CA certificates file is not used, only the system&apos;s CAs: %1</source>
        <translation>Die Datei mit zusätzlichen CA-Zertifikaten wird nicht verwendet, nur die CAs des Systems: %1</translation>
    </message>
    <message>
        <source>Choose a PEM file of CA certificates under Preferences &gt; Extra CA certificates, or clear it.</source>
        <translation>Wählen Sie unter Einstellungen &gt; Zusätzliche CA-Zertifikate eine PEM-Datei mit CA-Zertifikaten, oder leeren Sie das Feld.</translation>
    </message>
</context>
<context>
    <name>sagedock::imagebuild</name>
    <message>
        <source>Cannot read the build history %1.</source>
        <translation>Der Build-Verlauf %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>No such stage in the Dockerfile (index %1).</source>
        <translation>Diese Stage gibt es im Dockerfile nicht (Index %1).</translation>
    </message>
    <message>
        <source>Cannot read %1 from the build context.</source>
        <translation>%1 kann nicht aus dem Build-Kontext gelesen werden.</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>Prüfen Sie die Zugriffsrechte der Datei.</translation>
    </message>
    <message>
        <source>Unknown system %1.</source>
        <translation>Unbekanntes System %1.</translation>
    </message>
    <message>
        <source>Use one of tox&apos;s system factors, e.g. ubuntu-jammy, or give the base image.</source>
        <translation>Einen der System-Faktoren von tox verwenden, z. B. ubuntu-jammy, oder das Basis-Image angeben.</translation>
    </message>
    <message>
        <source>Unknown package set %1.</source>
        <translation>Unbekannter Paketsatz %1.</translation>
    </message>
    <message>
        <source>Use minimal, standard or maximal.</source>
        <translation>Verwenden Sie minimal, standard oder maximal.</translation>
    </message>
    <message>
        <source>Invalid tag %1: %2</source>
        <translation>Ungültiger Tag %1: %2</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 s.</source>
        <translation>%1 wurde nicht innerhalb von %2 s beendet.</translation>
    </message>
    <message>
        <source>bash could not be started.</source>
        <translation>bash konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>Install bash; write-dockerfile.sh is a bash script.</source>
        <translation>bash installieren; write-dockerfile.sh ist ein bash-Skript.</translation>
    </message>
    <message>
        <source>%1 failed (exit %2): %3</source>
        <translation>%1 ist fehlgeschlagen (Exit-Code %2): %3</translation>
    </message>
    <message>
        <source>Run it by hand from the source folder to see why.</source>
        <translation>Führen Sie es manuell im Quellordner aus, um die Ursache zu sehen.</translation>
    </message>
    <message>
        <source>%1 printed no Dockerfile.</source>
        <translation>%1 hat kein Dockerfile ausgegeben.</translation>
    </message>
    <message>
        <source>Check that the source folder is a complete Sage checkout.</source>
        <translation>Prüfen Sie, ob der Quellordner ein vollständiger Sage-Checkout ist.</translation>
    </message>
    <message>
        <source>The build context %1 is not a folder.</source>
        <translation>Der Build-Kontext %1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>No stages given.</source>
        <translation>Keine Stages angegeben.</translation>
    </message>
    <message>
        <source>List the stages in build order, e.g. --stages base,app.</source>
        <translation>Die Stages in Build-Reihenfolge auflisten, z. B. --stages base,app.</translation>
    </message>
    <message>
        <source>No image prefix given.</source>
        <translation>Kein Image-Präfix angegeben.</translation>
    </message>
    <message>
        <source>Give --image-prefix, e.g. myproject.</source>
        <translation>--image-prefix angeben, z. B. myproject.</translation>
    </message>
    <message>
        <source>Cannot read the Dockerfile %1.</source>
        <translation>Das Dockerfile %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The Dockerfile has no stage %1.</source>
        <translation>Das Dockerfile hat keine Stage %1.</translation>
    </message>
    <message>
        <source>Stages in it: %1</source>
        <translation>Darin enthaltene Stages: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The source folder %1 does not exist.</source>
        <translation>Der Quellordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Choose the root of a Sage checkout (the folder with VERSION.txt).</source>
        <translation>Das Wurzelverzeichnis eines Sage-Checkouts wählen (den Ordner mit VERSION.txt).</translation>
    </message>
    <message>
        <source>%1 has no Sage version file (src/VERSION.txt or VERSION.txt).</source>
        <translation>%1 enthält keine Sage-Versionsdatei (src/VERSION.txt oder VERSION.txt).</translation>
    </message>
    <message>
        <source>Choose the root of a Sage checkout.</source>
        <translation>Das Wurzelverzeichnis eines Sage-Checkouts wählen.</translation>
    </message>
    <message>
        <source>Sage %1 at %2 has no write-dockerfile.sh (expected %3).</source>
        <translation>Sage %1 in %2 hat kein write-dockerfile.sh (erwartet: %3).</translation>
    </message>
    <message>
        <source>Check out a complete Sage source tree.</source>
        <translation>Einen vollständigen Sage-Quellbaum auschecken.</translation>
    </message>
    <message>
        <source>Invalid image reference %1: %2</source>
        <translation>Ungültige Image-Referenz %1: %2</translation>
    </message>
    <message>
        <source>SageDock (process %1) ended during this build: it was killed or crashed.</source>
        <translation>SageDock (Prozess %1) endete während dieses Builds: Es wurde beendet oder ist abgestürzt.</translation>
    </message>
    <message>
        <source>Its docker build (process group %1) was still running and has been stopped.</source>
        <translation>Sein docker build (Prozessgruppe %1) lief noch und wurde beendet.</translation>
    </message>
    <message>
        <source>Build %1 (started %2) was interrupted. %3</source>
        <translation>Build %1 (gestartet %2) wurde unterbrochen. %3</translation>
    </message>
    <message numerus="yes">
        <source>The build history %1 had %n broken line(s), left by a crash during a write; they were skipped, the other builds are intact.</source>
        <translation>
            <numerusform>Der Build-Verlauf %1 hatte %n beschädigte Zeile, hinterlassen von einem Absturz beim Schreiben; sie wurde übersprungen, die anderen Builds sind unversehrt.</numerusform>
            <numerusform>Der Build-Verlauf %1 hatte %n beschädigte Zeilen, hinterlassen von einem Absturz beim Schreiben; sie wurden übersprungen, die anderen Builds sind unversehrt.</numerusform>
        </translation>
    </message>
    <message>
        <source>tox.ini: could not expand &quot;%1&quot; after %2 rounds.</source>
        <translation>tox.ini: „%1“ ließ sich nach %2 Runden nicht auflösen.</translation>
    </message>
    <message>
        <source>tox.ini has an {env} substitution without a variable name in %1.</source>
        <translation>tox.ini enthält in %1 eine {env}-Ersetzung ohne Variablennamen.</translation>
    </message>
    <message>
        <source>tox.ini has a circular chain between set env %1 in %2.</source>
        <translation>tox.ini enthält in %2 eine zirkuläre Kette zwischen den setenv-Variablen %1.</translation>
    </message>
    <message>
        <source>tox.ini defines section [%1] twice (line %2).</source>
        <translation>tox.ini definiert den Abschnitt [%1] zweimal (Zeile %2).</translation>
    </message>
    <message>
        <source>tox.ini has text before its first section (line %1).</source>
        <translation>tox.ini enthält Text vor dem ersten Abschnitt (Zeile %1).</translation>
    </message>
    <message>
        <source>tox.ini line %1 is neither a section, a setting nor a continuation: &quot;%2&quot;.</source>
        <translation>tox.ini-Zeile %1 ist weder Abschnitt noch Einstellung noch Fortsetzung: „%2“.</translation>
    </message>
    <message>
        <source>tox.ini sets %1 twice in [%2] (line %3).</source>
        <translation>tox.ini setzt %1 zweimal in [%2] (Zeile %3).</translation>
    </message>
    <message>
        <source>tox.ini does not define the environment %1 (no %2 factor).</source>
        <translation>tox.ini definiert die Umgebung %1 nicht (kein Faktor %2).</translation>
    </message>
    <message>
        <source>Run `tox -l` in the checkout to see its environments.</source>
        <translation>Führen Sie `tox -l` im Checkout aus, um seine Umgebungen zu sehen.</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Meinten Sie %1?</translation>
    </message>
    <message>
        <source>tox.ini has a command tox cannot split in %1: &quot;%2&quot;.</source>
        <translation>tox.ini enthält in %1 einen Befehl, den tox nicht zerlegen kann: „%2“.</translation>
    </message>
    <message>
        <source>The command &quot;%1&quot; uses %2, which SageDock does not evaluate.</source>
        <translation>Der Befehl „%1“ verwendet %2, was SageDock nicht auswertet.</translation>
    </message>
    <message>
        <source>an unterminated quote</source>
        <translation>ein nicht geschlossenes Anführungszeichen</translation>
    </message>
    <message>
        <source>an expansion (%1)</source>
        <translation>eine Expansion (%1)</translation>
    </message>
    <message>
        <source>more than one redirection</source>
        <translation>mehr als eine Umleitung</translation>
    </message>
    <message>
        <source>the shell syntax &quot;%1&quot;</source>
        <translation>die Shell-Syntax „%1“</translation>
    </message>
    <message>
        <source>a redirection without a target</source>
        <translation>eine Umleitung ohne Ziel</translation>
    </message>
    <message>
        <source>no command</source>
        <translation>keinen Befehl</translation>
    </message>
    <message>
        <source>tox.ini has an invalid setenv line &quot;%1&quot; for %2.</source>
        <translation>tox.ini enthält eine ungültige setenv-Zeile „%1“ für %2.</translation>
    </message>
    <message>
        <source>%1 has no tox.ini.</source>
        <translation>%1 hat keine tox.ini.</translation>
    </message>
    <message>
        <source>--tox-env needs a checkout with a tox.ini, e.g. SAGE_ROOT.</source>
        <translation>--tox-env braucht einen Checkout mit einer tox.ini, z. B. SAGE_ROOT.</translation>
    </message>
    <message>
        <source>Cannot prepare the planning pass in %1.</source>
        <translation>Der Planungsdurchlauf kann in %1 nicht vorbereitet werden.</translation>
    </message>
    <message>
        <source>%1 is not on the tox environment&apos;s PATH.</source>
        <translation>%1 ist nicht im PATH der tox-Umgebung.</translation>
    </message>
    <message>
        <source>tox would fail the same way; install it or fix PATH.</source>
        <translation>tox würde genauso scheitern; installieren Sie es oder korrigieren Sie PATH.</translation>
    </message>
    <message>
        <source>The tox command &quot;%1&quot; did not run: %2</source>
        <translation>Der tox-Befehl „%1“ lief nicht: %2</translation>
    </message>
    <message>
        <source>The planning pass of &quot;%1&quot; failed (exit %2): %3</source>
        <translation>Der Planungsdurchlauf von „%1“ ist fehlgeschlagen (Exit %2): %3</translation>
    </message>
    <message>
        <source>The tox command &quot;%1&quot; failed (exit %2): %3</source>
        <translation>Der tox-Befehl „%1“ ist fehlgeschlagen (Exit %2): %3</translation>
    </message>
    <message>
        <source>tox -e %1 would stop here too.</source>
        <translation>tox -e %1 würde hier ebenfalls abbrechen.</translation>
    </message>
    <message>
        <source>The planning pass left an unreadable record.</source>
        <translation>Der Planungsdurchlauf hat eine unlesbare Aufzeichnung hinterlassen.</translation>
    </message>
    <message>
        <source>The tox environment runs &quot;docker %1&quot; between builds, which SageDock does not run.</source>
        <translation>Die tox-Umgebung führt zwischen den Builds „docker %1“ aus, was SageDock nicht ausführt.</translation>
    </message>
    <message>
        <source>Run this environment with tox itself.</source>
        <translation>Führen Sie diese Umgebung mit tox selbst aus.</translation>
    </message>
</context>
<context>
    <name>sagedock::imagebuild::CliProbe</name>
    <message>
        <source>No docker command found on PATH.</source>
        <translation>Kein docker-Befehl im PATH gefunden.</translation>
    </message>
    <message>
        <source>Install the docker CLI (apt-get install docker.io).</source>
        <translation>Die docker-CLI installieren (apt-get install docker.io).</translation>
    </message>
    <message>
        <source>The docker command does not run.</source>
        <translation>Der docker-Befehl lässt sich nicht ausführen.</translation>
    </message>
    <message>
        <source>Check the docker CLI installation (docker --version).</source>
        <translation>Die Installation der docker-CLI prüfen (docker --version).</translation>
    </message>
    <message>
        <source>No docker CLI here can build with %1.</source>
        <translation>Keine docker-CLI hier kann mit %1 bauen.</translation>
    </message>
    <message>
        <source>Install the buildx plugin, or use a docker CLI older than 23.0 for classic BuildKit.</source>
        <translation>Das buildx-Plugin installieren oder für klassisches BuildKit eine docker-CLI älter als 23.0 verwenden.</translation>
    </message>
</context>
<context>
    <name>sagedock::imagebuild::Runner</name>
    <message>
        <source>Resume and skip-when-present need the stages&apos; input hashes; plan with computeInputHashes.</source>
        <translation>Fortsetzen und skip-when-present benötigen die Eingabe-Hashes der Stages; mit computeInputHashes planen.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>resumed: built by %1</source>
        <translation>fortgesetzt: gebaut von %1</translation>
    </message>
    <message>
        <source>inputs unchanged: %1 exists locally</source>
        <translation>Eingaben unverändert: %1 ist lokal vorhanden</translation>
    </message>
    <message>
        <source>Could not tag %1.</source>
        <translation>%1 konnte nicht getaggt werden.</translation>
    </message>
    <message>
        <source>inputs unchanged: pulled %1</source>
        <translation>Eingaben unverändert: %1 heruntergeladen</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>docker build exited with code %1.</source>
        <translation>docker build wurde mit Code %1 beendet.</translation>
    </message>
    <message>
        <source>%1 failed (exit %2).</source>
        <translation>%1 ist fehlgeschlagen (Exit %2).</translation>
    </message>
</context>
<context>
    <name>sagedock::launch</name>
    <message>
        <source>This image does not look like a SageMath image (entrypoint &quot;%1&quot;, working directory &quot;%2&quot;, user &quot;%3&quot;).</source>
        <translation>Dieses Image sieht nicht wie ein SageMath-Image aus (Entrypoint „%1“, Arbeitsverzeichnis „%2“, Benutzer „%3“).</translation>
    </message>
    <message>
        <source>Choose the flavor yourself: --flavor sagemath, sagemath-dev or stage.</source>
        <translation>Wählen Sie die Variante selbst: --flavor sagemath, sagemath-dev oder stage.</translation>
    </message>
    <message>
        <source>Unknown flavor &quot;%1&quot;.</source>
        <translation>Unbekannte Variante „%1“.</translation>
    </message>
    <message>
        <source>Use auto, sagemath, sagemath-dev or stage.</source>
        <translation>Verwenden Sie auto, sagemath, sagemath-dev oder stage.</translation>
    </message>
    <message>
        <source>No notebooks folder was given.</source>
        <translation>Es wurde kein Notebook-Ordner angegeben.</translation>
    </message>
    <message>
        <source>Choose a folder for the notebooks.</source>
        <translation>Wählen Sie einen Ordner für die Notebooks.</translation>
    </message>
    <message>
        <source>The notebooks folder %1 contains &apos;:&apos; or &apos;,&apos;, which a bind mount cannot express.</source>
        <translation>Der Notebook-Ordner %1 enthält &apos;:&apos; oder &apos;,&apos;, was ein Bind-Mount nicht ausdrücken kann.</translation>
    </message>
    <message>
        <source>Choose a folder without those characters.</source>
        <translation>Wählen Sie einen Ordner ohne diese Zeichen.</translation>
    </message>
    <message>
        <source>This stage image has no built Sage yet (/sage/sage is missing; Sage is built in the with-targets stage), so it can only open a shell.</source>
        <translation>Dieses Stage-Image enthält noch kein gebautes Sage (/sage/sage fehlt; Sage wird in der Stage with-targets gebaut), daher kann es nur eine Shell öffnen.</translation>
    </message>
    <message>
        <source>%1 (which leads to %2)</source>
        <translation>%1 (verweist auf %2)</translation>
    </message>
    <message>
        <source>The notebooks folder name contains a control character (such as a line break).</source>
        <translation>Der Name des Notebook-Ordners enthält ein Steuerzeichen (etwa einen Zeilenumbruch).</translation>
    </message>
    <message>
        <source>Choose a folder whose name has none.</source>
        <translation>Wählen Sie einen Ordner, dessen Name keines enthält.</translation>
    </message>
    <message>
        <source>Choose or create a folder of its own for the notebooks, e.g. ~/SageMath.</source>
        <translation>Wählen oder erstellen Sie einen eigenen Ordner für die Notebooks, z. B. ~/SageMath.</translation>
    </message>
    <message>
        <source>The notebooks folder %1 is the root of the file system; the container could change every file on this computer.</source>
        <translation>Der Notebook-Ordner %1 ist die Wurzel des Dateisystems; der Container könnte jede Datei auf diesem Computer ändern.</translation>
    </message>
    <message>
        <source>The notebooks folder %1 is your home folder itself; the container could change every file you own.</source>
        <translation>Der Notebook-Ordner %1 ist Ihr Home-Ordner selbst; der Container könnte jede Ihrer Dateien ändern.</translation>
    </message>
    <message>
        <source>The notebooks folder %1 contains your home folder; the container could change every file you own.</source>
        <translation>Der Notebook-Ordner %1 enthält Ihren Home-Ordner; der Container könnte jede Ihrer Dateien ändern.</translation>
    </message>
    <message>
        <source>The notebooks folder %1 is a system folder.</source>
        <translation>Der Notebook-Ordner %1 ist ein Systemordner.</translation>
    </message>
    <message>
        <source>The notebooks folder %1 is a file, not a folder.</source>
        <translation>Der Notebook-Ordner %1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>Choose a folder, or a name that does not exist yet.</source>
        <translation>Wählen Sie einen Ordner oder einen Namen, der noch nicht existiert.</translation>
    </message>
    <message>
        <source>The notebooks folder %1 is on a read-only file system; Jupyter could not save notebooks there.</source>
        <translation>Der Notebook-Ordner %1 liegt auf einem schreibgeschützten Dateisystem; Jupyter könnte dort keine Notebooks speichern.</translation>
    </message>
    <message>
        <source>Choose a folder on a writable disk.</source>
        <translation>Wählen Sie einen Ordner auf einem beschreibbaren Datenträger.</translation>
    </message>
    <message>
        <source>You cannot write to the notebooks folder %1.</source>
        <translation>Sie können nicht in den Notebook-Ordner %1 schreiben.</translation>
    </message>
    <message>
        <source>Choose a folder you own; SageDock never changes a folder&apos;s permissions.</source>
        <translation>Wählen Sie einen Ordner, der Ihnen gehört; SageDock ändert nie die Rechte eines Ordners.</translation>
    </message>
    <message>
        <source>The notebooks folder %1 cannot be created there.</source>
        <translation>Der Notebook-Ordner %1 kann dort nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Choose a folder below one you can write to.</source>
        <translation>Wählen Sie einen Ordner unterhalb eines Ordners, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>No SageDock session matches %1.</source>
        <translation>Keine SageDock-Sitzung passt zu %1.</translation>
    </message>
    <message>
        <source>%1 matches several sessions.</source>
        <translation>%1 passt zu mehreren Sitzungen.</translation>
    </message>
    <message>
        <source>See `sagedock-cli ps`.</source>
        <translation>Siehe `sagedock-cli ps`.</translation>
    </message>
</context>
<context>
    <name>sagedock::launch::Launcher</name>
    <message>
        <source>Jupyter did not get ready within %1 s. Last log lines:
%2</source>
        <translation>Jupyter war nicht innerhalb von %1 s bereit. Letzte Log-Zeilen:
%2</translation>
    </message>
    <message>
        <source>Look at the full log (docker logs) or try again with a longer timeout.</source>
        <translation>Das vollständige Log ansehen (docker logs) oder es mit einem längeren Timeout erneut versuchen.</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Warten</translation>
    </message>
    <message>
        <source>Reading the image…</source>
        <translation>Image wird gelesen…</translation>
    </message>
    <message>
        <source>Downloading the image…</source>
        <translation>Image wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Creating the container…</source>
        <translation>Container wird erstellt…</translation>
    </message>
    <message>
        <source>Starting the container…</source>
        <translation>Container wird gestartet…</translation>
    </message>
    <message>
        <source>Starting Jupyter…</source>
        <translation>Jupyter wird gestartet…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>No free host port from %1 on.</source>
        <translation>Kein freier Host-Port ab %1.</translation>
    </message>
    <message>
        <source>Stop other Jupyter servers or choose a port with --port.</source>
        <translation>Andere Jupyter-Server beenden oder mit --port einen Port wählen.</translation>
    </message>
    <message>
        <source>Cannot create the notebooks folder %1.</source>
        <translation>Der Notebook-Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Choose a folder you can write to.</source>
        <translation>Einen Ordner mit Schreibrechten wählen.</translation>
    </message>
    <message>
        <source>The container stopped before Jupyter was ready. Last log lines:
%1</source>
        <translation>Der Container wurde beendet, bevor Jupyter bereit war. Letzte Log-Zeilen:
%1</translation>
    </message>
    <message>
        <source>Check that the image runs Sage (try a shell in it) or pick another flavor.</source>
        <translation>Prüfen Sie, ob das Image Sage ausführt (z. B. mit einer Shell darin), oder wählen Sie eine andere Variante.</translation>
    </message>
    <message>
        <source>The launch was cancelled.</source>
        <translation>Der Start wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>sagedock::matrix</name>
    <message>
        <source>Waiting for the registry.</source>
        <translation>Warten auf die Registry.</translation>
    </message>
    <message>
        <source>Not in the registry for this tag.</source>
        <translation>Für diesen Tag nicht in der Registry.</translation>
    </message>
    <message>
        <source>Created %1 (%2)</source>
        <translation>Erstellt %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n layer(s)</source>
        <translation>
            <numerusform>%1 in %n Layer(n)</numerusform>
            <numerusform>%1 in %n Layer(n)</numerusform>
        </translation>
    </message>
    <message>
        <source>at an unknown time</source>
        <translation>zu einem unbekannten Zeitpunkt</translation>
    </message>
    <message>
        <source>in the future</source>
        <translation>in der Zukunft</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute(n)</numerusform>
            <numerusform>vor %n Minute(n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde(n)</numerusform>
            <numerusform>vor %n Stunde(n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag(en)</numerusform>
            <numerusform>vor %n Tag(en)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>vor %n Monat(en)</numerusform>
            <numerusform>vor %n Monat(en)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation>
            <numerusform>vor %n Jahr(en)</numerusform>
            <numerusform>vor %n Jahr(en)</numerusform>
        </translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>BROKEN %1/%2</source>
        <translation>DEFEKT %1/%2</translation>
    </message>
    <message>
        <source>no parent</source>
        <translation>ohne Vorgänger</translation>
    </message>
    <message>
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>First selected stage: nothing to compare with.</source>
        <translation>Erste ausgewählte Stage: nichts zum Vergleichen.</translation>
    </message>
    <message>
        <source>Built on %1: shares all %2 of its layers and adds %3.</source>
        <translation>Baut auf %1 auf: teilt alle %2 Layer davon und fügt %3 hinzu.</translation>
    </message>
    <message>
        <source>Not built on %1: only the first %2 layers match; %3 layers differ from there on.</source>
        <translation>Baut nicht auf %1 auf: nur die ersten %2 Layer stimmen überein; ab dort unterscheiden sich %3 Layer.</translation>
    </message>
    <message>
        <source>%1 does not exist for this tag, so the chain cannot be checked.</source>
        <translation>%1 existiert für diesen Tag nicht, daher kann die Kette nicht geprüft werden.</translation>
    </message>
    <message>
        <source>%1 could not be read, so the chain is unknown.</source>
        <translation>%1 konnte nicht gelesen werden, daher ist die Kette unbekannt.</translation>
    </message>
    <message>
        <source>system</source>
        <translation>System</translation>
    </message>
    <message>
        <source>packages</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>%1 tag %2</source>
        <translation>%1 Tag %2</translation>
    </message>
    <message>
        <source>%1 cells: %2 present, %3 missing, %4 broken, %5 parent missing, %6 errors</source>
        <translation>%1 Zellen: %2 vorhanden, %3 fehlend, %4 defekt, %5 ohne Vorgänger, %6 Fehler</translation>
    </message>
    <message>
        <source>Some answers came from the cache because the registry could not be reached.</source>
        <translation>Einige Antworten stammen aus dem Cache, weil die Registry nicht erreichbar war.</translation>
    </message>
    <message>
        <source>Sage build matrix: %1 tag %2</source>
        <translation>Sage-Build-Matrix: %1 Tag %2</translation>
    </message>
    <message>
        <source>Sage build matrix</source>
        <translation>Sage-Build-Matrix</translation>
    </message>
    <message>
        <source>Repository prefix %1, tag %2, generated %3.</source>
        <translation>Repository-Präfix %1, Tag %2, erzeugt am %3.</translation>
    </message>
    <message>
        <source>ok: present, built on the previous stage</source>
        <translation>ok: vorhanden, baut auf der vorherigen Stage auf</translation>
    </message>
    <message>
        <source>BROKEN: not built on the previous stage</source>
        <translation>DEFEKT: baut nicht auf der vorherigen Stage auf</translation>
    </message>
    <message>
        <source>no parent: previous stage missing</source>
        <translation>ohne Vorgänger: vorherige Stage fehlt</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1 cells: %2 present, %3 missing, %4 broken, %5 parent missing, %6 errors.</source>
        <translation>%1 Zellen: %2 vorhanden, %3 fehlend, %4 defekt, %5 ohne Vorgänger, %6 Fehler.</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Generated by SageDock %1.</source>
        <translation>Erzeugt von SageDock %1.</translation>
    </message>
    <message>
        <source>Unknown stage &apos;%1&apos;.</source>
        <translation>Unbekannte Stage „%1“.</translation>
    </message>
    <message>
        <source>Known stages: %1.</source>
        <translation>Bekannte Stages: %1.</translation>
    </message>
    <message>
        <source>Unknown package set &apos;%1&apos;.</source>
        <translation>Unbekannter Paketsatz „%1“.</translation>
    </message>
    <message>
        <source>Use %1, optionally followed by modifiers such as -sitepackages.</source>
        <translation>%1 verwenden, optional gefolgt von Modifikatoren wie -sitepackages.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid repository: %2</source>
        <translation>„%1“ ist kein gültiges Repository: %2</translation>
    </message>
    <message>
        <source>The system &apos;%1&apos; cannot be told apart in &apos;%2&apos;.</source>
        <translation>Das System „%1“ lässt sich in „%2“ nicht eindeutig abgrenzen.</translation>
    </message>
    <message>
        <source>A system name must not end in a package set, modifier or stage name.</source>
        <translation>Ein Systemname darf nicht auf einen Paketsatz, Modifikator oder Stage-Namen enden.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Sage CI stage image (sage-&lt;system&gt;-&lt;packages&gt;-&lt;stage&gt;).</source>
        <translation>„%1“ ist kein Sage-CI-Stufen-Image (sage-&lt;system&gt;-&lt;packages&gt;-&lt;stage&gt;).</translation>
    </message>
    <message>
        <source>The refresh was cancelled.</source>
        <translation>Die Aktualisierung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Refresh again.</source>
        <translation>Erneut aktualisieren.</translation>
    </message>
</context>
<context>
    <name>sagedock::reference</name>
    <message>
        <source>The Sage catalog is not valid JSON.</source>
        <translation>Der Sage-Katalog ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>Reinstall SageDock; the bundled catalog is damaged.</source>
        <translation>SageDock neu installieren; der mitgelieferte Katalog ist beschädigt.</translation>
    </message>
    <message>
        <source>The Sage catalog lacks the stage or package lists.</source>
        <translation>Im Sage-Katalog fehlen die Stage- oder Paketlisten.</translation>
    </message>
    <message>
        <source>The tag is empty.</source>
        <translation>Das Tag ist leer.</translation>
    </message>
    <message>
        <source>Write a tag after &apos;:&apos; or leave the &apos;:&apos; out to use &apos;latest&apos;.</source>
        <translation>Nach &apos;:&apos; ein Tag schreiben oder &apos;:&apos; weglassen, um &apos;latest&apos; zu verwenden.</translation>
    </message>
    <message>
        <source>The tag is %1 characters long; at most %2 are allowed.</source>
        <translation>Das Tag ist %1 Zeichen lang; höchstens %2 sind erlaubt.</translation>
    </message>
    <message>
        <source>Shorten the tag.</source>
        <translation>Das Tag kürzen.</translation>
    </message>
    <message>
        <source>The tag &apos;%1&apos; starts with &apos;%2&apos;.</source>
        <translation>Das Tag &apos;%1&apos; beginnt mit &apos;%2&apos;.</translation>
    </message>
    <message>
        <source>A tag must start with a letter, a digit or &apos;_&apos;.</source>
        <translation>Ein Tag muss mit einem Buchstaben, einer Ziffer oder &apos;_&apos; beginnen.</translation>
    </message>
    <message>
        <source>The tag &apos;%1&apos; contains characters other than letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;.</source>
        <translation>Das Tag &apos;%1&apos; enthält andere Zeichen als Buchstaben, Ziffern, &apos;_&apos;, &apos;.&apos; und &apos;-&apos;.</translation>
    </message>
    <message>
        <source>Replace the other characters, e.g. &apos;/&apos; with &apos;-&apos;.</source>
        <translation>Die anderen Zeichen ersetzen, z. B. &apos;/&apos; durch &apos;-&apos;.</translation>
    </message>
    <message>
        <source>The digest &apos;%1&apos; has no algorithm.</source>
        <translation>Der Digest &apos;%1&apos; hat keinen Algorithmus.</translation>
    </message>
    <message>
        <source>A digest looks like sha256:&lt;64 hex digits&gt;.</source>
        <translation>Ein Digest sieht so aus: sha256:&lt;64 Hexadezimalziffern&gt;.</translation>
    </message>
    <message>
        <source>The digest algorithm &apos;%1&apos; is not valid.</source>
        <translation>Der Digest-Algorithmus &apos;%1&apos; ist ungültig.</translation>
    </message>
    <message>
        <source>The %1 digest must be lowercase hexadecimal.</source>
        <translation>Der %1-Digest muss aus kleingeschriebenen Hexadezimalziffern bestehen.</translation>
    </message>
    <message>
        <source>Copy the digest exactly as the registry printed it.</source>
        <translation>Den Digest genau so kopieren, wie die Registry ihn ausgegeben hat.</translation>
    </message>
    <message>
        <source>The %1 digest has %2 hex digits; it needs exactly %3.</source>
        <translation>Der %1-Digest hat %2 Hexadezimalziffern; er braucht genau %3.</translation>
    </message>
    <message>
        <source>Copy the whole digest.</source>
        <translation>Den ganzen Digest kopieren.</translation>
    </message>
    <message>
        <source>The digest &apos;%1&apos; needs at least 32 hexadecimal digits after &apos;%2:&apos;.</source>
        <translation>Der Digest &apos;%1&apos; braucht nach &apos;%2:&apos; mindestens 32 Hexadezimalziffern.</translation>
    </message>
    <message>
        <source>The repository name is empty.</source>
        <translation>Der Repository-Name ist leer.</translation>
    </message>
    <message>
        <source>Name a repository, e.g. sagemath/sagemath.</source>
        <translation>Ein Repository angeben, z. B. sagemath/sagemath.</translation>
    </message>
    <message>
        <source>The repository name is %1 characters long; at most %2 are allowed.</source>
        <translation>Der Repository-Name ist %1 Zeichen lang; höchstens %2 sind erlaubt.</translation>
    </message>
    <message>
        <source>Shorten the repository name.</source>
        <translation>Den Repository-Namen kürzen.</translation>
    </message>
    <message>
        <source>The repository name &apos;%1&apos; must be lowercase.</source>
        <translation>Der Repository-Name &apos;%1&apos; muss kleingeschrieben sein.</translation>
    </message>
    <message>
        <source>Use &apos;%1&apos; instead.</source>
        <translation>Stattdessen &apos;%1&apos; verwenden.</translation>
    </message>
    <message>
        <source>The repository name &apos;%1&apos; has an empty component.</source>
        <translation>Der Repository-Name &apos;%1&apos; hat einen leeren Bestandteil.</translation>
    </message>
    <message>
        <source>Remove the doubled or trailing &apos;/&apos;.</source>
        <translation>Das doppelte oder abschließende &apos;/&apos; entfernen.</translation>
    </message>
    <message>
        <source>The repository name component &apos;%1&apos; is not valid.</source>
        <translation>Der Bestandteil &apos;%1&apos; des Repository-Namens ist ungültig.</translation>
    </message>
    <message>
        <source>Use lowercase letters and digits, separated by &apos;.&apos;, &apos;_&apos;, &apos;__&apos; or &apos;-&apos;.</source>
        <translation>Kleinbuchstaben und Ziffern verwenden, getrennt durch &apos;.&apos;, &apos;_&apos;, &apos;__&apos; oder &apos;-&apos;.</translation>
    </message>
    <message>
        <source>The registry host is empty.</source>
        <translation>Der Registry-Host ist leer.</translation>
    </message>
    <message>
        <source>The registry address &apos;%1&apos; has an unclosed &apos;[&apos;.</source>
        <translation>Die Registry-Adresse &apos;%1&apos; hat eine nicht geschlossene &apos;[&apos;.</translation>
    </message>
    <message>
        <source>Write IPv6 addresses as [::1]:5000.</source>
        <translation>IPv6-Adressen als [::1]:5000 schreiben.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv6 address.</source>
        <translation>&apos;%1&apos; ist keine IPv6-Adresse.</translation>
    </message>
    <message>
        <source>Unexpected text &apos;%1&apos; after the IPv6 address.</source>
        <translation>Unerwarteter Text &apos;%1&apos; nach der IPv6-Adresse.</translation>
    </message>
    <message>
        <source>The port after &apos;%1&apos; is empty.</source>
        <translation>Der Port nach &apos;%1&apos; ist leer.</translation>
    </message>
    <message>
        <source>The registry host &apos;%1&apos; is not a valid host name.</source>
        <translation>Der Registry-Host &apos;%1&apos; ist kein gültiger Host-Name.</translation>
    </message>
    <message>
        <source>Use letters, digits, &apos;-&apos; and &apos;.&apos;, e.g. ghcr.io or localhost:5000.</source>
        <translation>Buchstaben, Ziffern, &apos;-&apos; und &apos;.&apos; verwenden, z. B. ghcr.io oder localhost:5000.</translation>
    </message>
    <message>
        <source>The port &apos;%1&apos; is not a number between 1 and 65535.</source>
        <translation>Der Port &apos;%1&apos; ist keine Zahl zwischen 1 und 65535.</translation>
    </message>
    <message>
        <source>The image reference is empty.</source>
        <translation>Die Image-Referenz ist leer.</translation>
    </message>
    <message>
        <source>Name an image, e.g. sagemath/sagemath:latest.</source>
        <translation>Ein Image angeben, z. B. sagemath/sagemath:latest.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a 64-digit hexadecimal string, which names an image ID, not a repository.</source>
        <translation>„%1“ ist eine 64-stellige Hexadezimalzeichenfolge und bezeichnet damit eine Image-ID, kein Repository.</translation>
    </message>
    <message>
        <source>Refer to a local image by its ID, or give a repository name.</source>
        <translation>Ein lokales Image über seine ID ansprechen oder einen Repository-Namen angeben.</translation>
    </message>
    <message>
        <source>The image reference &apos;%1&apos; contains white space.</source>
        <translation>Die Image-Referenz „%1“ enthält Leerzeichen.</translation>
    </message>
    <message>
        <source>Remove the spaces.</source>
        <translation>Die Leerzeichen entfernen.</translation>
    </message>
    <message>
        <source>The digest after &apos;@&apos; is empty.</source>
        <translation>Der Digest nach „@“ ist leer.</translation>
    </message>
    <message>
        <source>The image reference &apos;%1&apos; has no repository name.</source>
        <translation>Die Image-Referenz „%1“ hat keinen Repository-Namen.</translation>
    </message>
    <message>
        <source>Name a repository before the tag or digest.</source>
        <translation>Vor dem Tag oder Digest ein Repository angeben.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; names an image, not a repository.</source>
        <translation>„%1“ bezeichnet ein Image, kein Repository.</translation>
    </message>
    <message>
        <source>Leave out the tag and digest.</source>
        <translation>Tag und Digest weglassen.</translation>
    </message>
    <message>
        <source>The query is empty.</source>
        <translation>Die Abfrage ist leer.</translation>
    </message>
    <message>
        <source>Give a PR number, a branch, a tag or an image reference.</source>
        <translation>Eine PR-Nummer, einen Branch, einen Tag oder eine Image-Referenz angeben.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; leaves no tag after sanitizing it like Sage&apos;s CI.</source>
        <translation>Nach der Bereinigung wie in der CI von Sage bleibt von „%1“ kein Tag übrig.</translation>
    </message>
    <message>
        <source>Use letters, digits, &apos;_&apos;, &apos;.&apos; or &apos;-&apos;.</source>
        <translation>Buchstaben, Ziffern, „_“, „.“ oder „-“ verwenden.</translation>
    </message>
    <message>
        <source>Sage CI images are named sage-&lt;system&gt;-&lt;packages&gt;[-&lt;modifiers&gt;]-&lt;stage&gt;, e.g. sage-ubuntu-noble-standard-with-targets.</source>
        <translation>Sage-CI-Images heißen sage-&lt;system&gt;-&lt;packages&gt;[-&lt;modifiers&gt;]-&lt;stage&gt;, z. B. sage-ubuntu-noble-standard-with-targets.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not start with &apos;sage-&apos;.</source>
        <translation>„%1“ beginnt nicht mit „sage-“.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not end in a known stage (%2).</source>
        <translation>„%1“ endet nicht auf eine bekannte Stage (%2).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; names no package set (minimal, standard or maximal) before the stage.</source>
        <translation>„%1“ nennt vor der Stage keinen Paketsatz (minimal, standard oder maximal).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; names no system before the package set.</source>
        <translation>„%1“ nennt vor dem Paketsatz kein System.</translation>
    </message>
</context>
<context>
    <name>sagedock::registry</name>
    <message>
        <source>A stored registry login is not valid base64.</source>
        <translation>Eine gespeicherte Registry-Anmeldung ist kein gültiges Base64.</translation>
    </message>
    <message>
        <source>Log in again with `docker login`.</source>
        <translation>Melden Sie sich mit `docker login` erneut an.</translation>
    </message>
    <message>
        <source>A stored registry login has no user name.</source>
        <translation>Einer gespeicherten Registry-Anmeldung fehlt der Benutzername.</translation>
    </message>
    <message>
        <source>The registry sent an unusable manifest: %1.</source>
        <translation>Die Registry hat ein unbrauchbares Manifest gesendet: %1.</translation>
    </message>
    <message>
        <source>Check that the image was pushed completely; try again later.</source>
        <translation>Prüfen Sie, ob das Image vollständig gepusht wurde; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>not JSON (%1)</source>
        <translation>kein JSON (%1)</translation>
    </message>
    <message>
        <source>Content-Type %1 but the body says %2</source>
        <translation>Content-Type %1, aber der Inhalt sagt %2</translation>
    </message>
    <message>
        <source>The image uses the retired schema 1 manifest format.</source>
        <translation>Das Image verwendet das ausgemusterte Manifestformat Schema 1.</translation>
    </message>
    <message>
        <source>Push the image again with a current docker or buildx.</source>
        <translation>Pushen Sie das Image erneut mit einem aktuellen docker oder buildx.</translation>
    </message>
    <message>
        <source>an index without a manifests list</source>
        <translation>ein Index ohne manifests-Liste</translation>
    </message>
    <message>
        <source>an index entry without a valid digest</source>
        <translation>ein Indexeintrag ohne gültigen Digest</translation>
    </message>
    <message>
        <source>The registry sent a manifest of unknown type %1.</source>
        <translation>Die Registry hat ein Manifest unbekannten Typs gesendet: %1.</translation>
    </message>
    <message>
        <source>SageDock reads OCI and Docker v2 images only.</source>
        <translation>SageDock liest nur OCI- und Docker-v2-Images.</translation>
    </message>
    <message>
        <source>no valid config digest</source>
        <translation>kein gültiger Config-Digest</translation>
    </message>
    <message>
        <source>no layers list</source>
        <translation>keine Layer-Liste</translation>
    </message>
    <message>
        <source>a layer without a valid digest</source>
        <translation>ein Layer ohne gültigen Digest</translation>
    </message>
    <message>
        <source>The image configuration is not valid JSON (%1).</source>
        <translation>Die Image-Konfiguration ist kein gültiges JSON (%1).</translation>
    </message>
    <message>
        <source>Check that the image was pushed completely.</source>
        <translation>Prüfen Sie, ob das Image vollständig gepusht wurde.</translation>
    </message>
    <message>
        <source>The registry sent an unreadable next-page link: %1</source>
        <translation>Die Registry hat einen unlesbaren Link zur nächsten Seite gesendet: %1</translation>
    </message>
    <message>
        <source>The registry %1 pointed the next page to another server (%2); SageDock does not follow it.</source>
        <translation>Die Registry %1 verweist für die nächste Seite auf einen anderen Server (%2); SageDock folgt dem nicht.</translation>
    </message>
    <message>
        <source>Report this to the registry operator; the tags read so far are not used.</source>
        <translation>Melden Sie dies dem Betreiber der Registry; die bisher gelesenen Tags werden nicht verwendet.</translation>
    </message>
    <message>
        <source>Repository %1 does not exist.</source>
        <translation>Das Repository %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Check the name: registry host, owner and image name.</source>
        <translation>Prüfen Sie den Namen: Registry-Host, Besitzer und Image-Name.</translation>
    </message>
    <message>
        <source>%1 has no tag or manifest %2.</source>
        <translation>%1 hat keinen Tag oder kein Manifest %2.</translation>
    </message>
    <message>
        <source>Check the tag against the repository&apos;s tag list.</source>
        <translation>Vergleichen Sie den Tag mit der Tag-Liste des Repositorys.</translation>
    </message>
    <message>
        <source>%1 has no blob or manifest %2.</source>
        <translation>%1 hat keinen Blob oder kein Manifest %2.</translation>
    </message>
    <message>
        <source>The image may have been deleted or pushed incompletely; push it again.</source>
        <translation>Das Image wurde möglicherweise gelöscht oder unvollständig gepusht; pushen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 refused the stored credentials for %2.</source>
        <translation>%1 hat die gespeicherten Zugangsdaten für %2 abgelehnt.</translation>
    </message>
    <message>
        <source>Run `%1` again with a valid password or token.</source>
        <translation>Führen Sie `%1` erneut mit einem gültigen Passwort oder Token aus.</translation>
    </message>
    <message>
        <source>Run `%1` and try again; some registries also answer this way for repositories that do not exist.</source>
        <translation>Führen Sie `%1` aus und versuchen Sie es erneut; manche Registries antworten auch bei nicht existierenden Repositorys so.</translation>
    </message>
    <message>
        <source>Reading %1 needs a login.</source>
        <translation>Das Lesen von %1 erfordert eine Anmeldung.</translation>
    </message>
    <message>
        <source>Access to %1 is denied%2.</source>
        <translation>Der Zugriff auf %1 wird verweigert%2.</translation>
    </message>
    <message>
        <source>The account used for %1 may not read this repository.</source>
        <translation>Das für %1 verwendete Konto darf dieses Repository nicht lesen.</translation>
    </message>
    <message>
        <source>Run `%1` with an account that may read it.</source>
        <translation>Führen Sie `%1` mit einem Konto aus, das es lesen darf.</translation>
    </message>
    <message>
        <source>Wait, or log in (`docker login`): accounts get a higher pull limit.</source>
        <translation>Warten Sie oder melden Sie sich an (`docker login`): Angemeldete Konten erhalten ein höheres Pull-Limit.</translation>
    </message>
    <message>
        <source>Wait a while, then try again.</source>
        <translation>Warten Sie eine Weile und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>%1 rate limited the requests until %2.</source>
        <translation>%1 hat die Anfragen bis %2 gedrosselt.</translation>
    </message>
    <message>
        <source>%1 is rate limiting the requests%2.</source>
        <translation>%1 drosselt die Anfragen%2.</translation>
    </message>
    <message>
        <source>%1 refused the name %2%3.</source>
        <translation>%1 hat den Namen %2%3 abgelehnt.</translation>
    </message>
    <message>
        <source>Check the spelling: lowercase path, tags of letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Prüfen Sie die Schreibweise: Pfad in Kleinbuchstaben, Tags aus Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;.</translation>
    </message>
    <message>
        <source>%1 does not support this request%2.</source>
        <translation>%1 unterstützt diese Anfrage nicht%2.</translation>
    </message>
    <message>
        <source>%1 reports an invalid manifest for %2%3.</source>
        <translation>%1 meldet ein ungültiges Manifest für %2%3.</translation>
    </message>
    <message>
        <source>%1 answered with HTTP %2%3.</source>
        <translation>%1 hat mit HTTP %2%3 geantwortet.</translation>
    </message>
    <message>
        <source>The registry has a problem; try again later.</source>
        <translation>Die Registry hat ein Problem; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>%1 is not an OCI registry (GET /v2/ answered 404).</source>
        <translation>%1 ist keine OCI-Registry (GET /v2/ lieferte 404).</translation>
    </message>
    <message>
        <source>Check the registry host name.</source>
        <translation>Den Host-Namen der Registry prüfen.</translation>
    </message>
    <message>
        <source>Try again later; if it persists, the registry is misconfigured.</source>
        <translation>Später erneut versuchen; falls es weiterhin auftritt, ist die Registry falsch konfiguriert.</translation>
    </message>
    <message>
        <source>Offline, and nothing about %1 is cached.</source>
        <translation>Offline, und zu %1 ist nichts im Cache.</translation>
    </message>
    <message>
        <source>Go online and refresh once; the answers are kept for offline use.</source>
        <translation>Online gehen und einmal aktualisieren; die Antworten werden für die Offline-Nutzung aufbewahrt.</translation>
    </message>
    <message>
        <source>Working offline.</source>
        <translation>Offline-Modus.</translation>
    </message>
    <message>
        <source>%1 sent a tag list that is not valid JSON.</source>
        <translation>%1 hat eine Tag-Liste gesendet, die kein gültiges JSON ist.</translation>
    </message>
    <message>
        <source>Try again later; if it persists, the registry or a proxy is broken.</source>
        <translation>Später erneut versuchen; falls es weiterhin auftritt, ist die Registry oder ein Proxy defekt.</translation>
    </message>
    <message>
        <source>%1 sent a tag list whose pages loop back (page %2 links to an earlier page).</source>
        <translation>%1 hat eine Tag-Liste gesendet, deren Seiten im Kreis verweisen (Seite %2 verlinkt auf eine frühere Seite).</translation>
    </message>
    <message>
        <source>Report this to the registry operator.</source>
        <translation>Dies dem Betreiber der Registry melden.</translation>
    </message>
    <message>
        <source>%1 has more than %2 pages of tags; SageDock stopped reading.</source>
        <translation>%1 hat mehr als %2 Seiten mit Tags; SageDock hat das Lesen abgebrochen.</translation>
    </message>
    <message>
        <source>Ask for a specific tag instead of the whole list.</source>
        <translation>Statt der ganzen Liste nach einem bestimmten Tag fragen.</translation>
    </message>
    <message>
        <source>tags page %1</source>
        <translation>Tag-Seite %1</translation>
    </message>
    <message>
        <source>The manifest of %1:%2 does not match the digest the registry states.</source>
        <translation>Das Manifest von %1:%2 passt nicht zum Digest, den die Registry angibt.</translation>
    </message>
    <message>
        <source>A proxy may have altered it; try again.</source>
        <translation>Möglicherweise hat ein Proxy es verändert; erneut versuchen.</translation>
    </message>
    <message>
        <source>manifest for %1</source>
        <translation>Manifest für %1</translation>
    </message>
    <message>
        <source>The manifest %1 of %2 does not match its digest.</source>
        <translation>Das Manifest %1 von %2 passt nicht zu seinem Digest.</translation>
    </message>
    <message>
        <source>A proxy or the registry altered it; try again.</source>
        <translation>Ein Proxy oder die Registry hat es verändert; erneut versuchen.</translation>
    </message>
    <message>
        <source>%1 nests an index inside an index.</source>
        <translation>%1 verschachtelt einen Index in einem Index.</translation>
    </message>
    <message>
        <source>SageDock reads one level of platform index.</source>
        <translation>SageDock liest nur eine Ebene des Plattform-Index.</translation>
    </message>
    <message>
        <source>%1:%2 has no %3 image.</source>
        <translation>%1:%2 hat kein Image für %3.</translation>
    </message>
    <message>
        <source>The index lists no platform images.</source>
        <translation>Der Index führt keine Plattform-Images auf.</translation>
    </message>
    <message>
        <source>It has: %1.</source>
        <translation>Vorhanden: %1.</translation>
    </message>
    <message>
        <source>The image configuration %1 of %2 does not match its digest.</source>
        <translation>Die Image-Konfiguration %1 von %2 passt nicht zu ihrem Digest.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the docker configuration is not valid JSON (%1).</source>
        <translation>Die Docker-Konfiguration ist kein gültiges JSON (%1).</translation>
    </message>
    <message>
        <source>Fix or remove the file, then run `docker login` again.</source>
        <translation>Die Datei korrigieren oder entfernen, dann `docker login` erneut ausführen.</translation>
    </message>
    <message>
        <source>The credential helper %1 is not installed.</source>
        <translation>Der Credential-Helper %1 ist nicht installiert.</translation>
    </message>
    <message>
        <source>Install it, or remove it from ~/.docker/config.json.</source>
        <translation>Ihn installieren oder aus ~/.docker/config.json entfernen.</translation>
    </message>
    <message>
        <source>The credential helper %1 did not answer within %2 s.</source>
        <translation>Der Credential-Helper %1 hat nicht innerhalb von %2 s geantwortet.</translation>
    </message>
    <message>
        <source>It may be waiting for a keyring unlock; unlock it and try again.</source>
        <translation>Möglicherweise wartet er auf das Entsperren eines Schlüsselbunds; diesen entsperren und erneut versuchen.</translation>
    </message>
    <message>
        <source>Cannot run the credential helper %1.</source>
        <translation>Der Credential-Helper %1 kann nicht ausgeführt werden.</translation>
    </message>
    <message>
        <source>Check that it is installed and executable.</source>
        <translation>Prüfen, ob er installiert und ausführbar ist.</translation>
    </message>
    <message>
        <source>The credential helper %1 failed: %2</source>
        <translation>Der Credential-Helper %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>Run `docker login` again, or check the helper&apos;s setup.</source>
        <translation>`docker login` erneut ausführen oder die Einrichtung des Helpers prüfen.</translation>
    </message>
    <message>
        <source>The credential helper %1 gave an unreadable answer.</source>
        <translation>Der Credential-Helper %1 hat eine unlesbare Antwort geliefert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid repository name.</source>
        <translation>„%1“ ist kein gültiger Repository-Name.</translation>
    </message>
    <message>
        <source>Use host/path, for example ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets.</source>
        <translation>Verwenden Sie Host/Pfad, zum Beispiel ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets.</translation>
    </message>
    <message>
        <source>%1 speaks only plain HTTP, and SageDock talks to it over HTTPS only.</source>
        <translation>%1 spricht nur unverschlüsseltes HTTP, und SageDock spricht mit ihr nur über HTTPS.</translation>
    </message>
    <message>
        <source>The token service of %1 is at a plain-HTTP address (%2); SageDock does not send your credentials there.</source>
        <translation>Der Token-Dienst von %1 liegt unter einer unverschlüsselten HTTP-Adresse (%2); SageDock sendet Ihre Zugangsdaten nicht dorthin.</translation>
    </message>
    <message>
        <source>Ask the registry&apos;s operator to serve the token service over HTTPS.</source>
        <translation>Bitten Sie den Betreiber der Registry, den Token-Dienst über HTTPS anzubieten.</translation>
    </message>
    <message>
        <source>The token service of %1 (%2) sent an answer that is not valid JSON.</source>
        <translation>Der Token-Dienst von %1 (%2) hat eine Antwort gesendet, die kein gültiges JSON ist.</translation>
    </message>
    <message>
        <source>Try again later; if it persists, the token service or a proxy is broken.</source>
        <translation>Versuchen Sie es später erneut; bleibt es so, ist der Token-Dienst oder ein Proxy defekt.</translation>
    </message>
    <message>
        <source>The token service of %1 (%2) gave no token.</source>
        <translation>Der Token-Dienst von %1 (%2) hat kein Token geliefert.</translation>
    </message>
    <message>
        <source>The token service of %1 (%2) failed with HTTP %3.</source>
        <translation>Der Token-Dienst von %1 (%2) ist mit HTTP %3 gescheitert.</translation>
    </message>
    <message>
        <source>Try again later; the registry&apos;s operator may need to know.</source>
        <translation>Versuchen Sie es später erneut; der Betreiber der Registry sollte es eventuell erfahren.</translation>
    </message>
    <message>
        <source>The token service of %1 (%2) gave a token without pull access to %3 (insufficient_scope).</source>
        <translation>Der Token-Dienst von %1 (%2) hat ein Token ohne Pull-Zugriff auf %3 geliefert (insufficient_scope).</translation>
    </message>
    <message>
        <source>Check that your account may pull it (`docker login %1`).</source>
        <translation>Prüfen Sie, ob Ihr Konto es laden darf (`docker login %1`).</translation>
    </message>
    <message>
        <source>%1 refused the token its token service (%2) issued (invalid_token).</source>
        <translation>%1 hat das Token abgelehnt, das ihr Token-Dienst (%2) ausgestellt hat (invalid_token).</translation>
    </message>
    <message>
        <source>The token service and the registry disagree on keys or clocks; check this computer&apos;s clock, or tell the registry&apos;s operator.</source>
        <translation>Token-Dienst und Registry sind sich bei Schlüsseln oder Uhrzeit uneinig; prüfen Sie die Uhr dieses Computers oder informieren Sie den Betreiber der Registry.</translation>
    </message>
    <message>
        <source>%1 sent more than %2 of tags (%3 tags in %4 pages) and more pages follow; SageDock stopped reading.</source>
        <translation>%1 hat mehr als %2 an Tags gesendet (%3 Tags auf %4 Seiten), und weitere Seiten folgen; SageDock hat das Lesen beendet.</translation>
    </message>
    <message>
        <source>If you trust the network to it, add %1 to the registries allowed over plain HTTP in Preferences, or to &quot;insecure-registries&quot; in /etc/docker/daemon.json as for dockerd.</source>
        <translation>Wenn Sie dem Netz dorthin vertrauen, fügen Sie %1 in den Einstellungen zu den Registries hinzu, die unverschlüsseltes HTTP verwenden dürfen, oder wie für dockerd zu „insecure-registries“ in /etc/docker/daemon.json.</translation>
    </message>
    <message>
        <source>daemon.json is not a JSON object (%1).</source>
        <translation>daemon.json ist kein JSON-Objekt (%1).</translation>
    </message>
    <message>
        <source>dockerd refuses such a file too; fix it and restart dockerd.</source>
        <translation>dockerd lehnt eine solche Datei ebenfalls ab; korrigieren Sie sie und starten Sie dockerd neu.</translation>
    </message>
</context>
<context>
    <name>sagedock::util</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Check that the folder exists and is writable.</source>
        <translation>Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 bytes</source>
        <translation>%1 ist größer als %2 Bytes</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>ein Ordner</translation>
    </message>
    <message>
        <source>a named pipe</source>
        <translation>eine benannte Pipe</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>ein Gerät</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>ein Socket</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine normale Datei</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Check the path.</source>
        <translation>Prüfen Sie den Pfad.</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>Prüfen Sie die Zugriffsrechte der Datei.</translation>
    </message>
    <message>
        <source>%1 is %2, not a file SageDock can read.</source>
        <translation>%1 ist %2, keine Datei, die SageDock lesen kann.</translation>
    </message>
    <message>
        <source>Choose a regular file.</source>
        <translation>Wählen Sie eine normale Datei.</translation>
    </message>
    <message>
        <source>%1 is %2; SageDock reads files of at most %3.</source>
        <translation>%1 ist %2 groß; SageDock liest Dateien von höchstens %3.</translation>
    </message>
    <message>
        <source>Check that this is the file you meant.</source>
        <translation>Prüfen Sie, ob dies die gemeinte Datei ist.</translation>
    </message>
</context>
<context>
    <name>sagedock::util::Job</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>sagedock::util::ProcessJob</name>
    <message>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Check that %1 is installed and on PATH.</source>
        <translation>Prüfen Sie, ob %1 installiert ist und im PATH liegt.</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 s and was stopped.</source>
        <translation>%1 ist nicht innerhalb von %2 s fertig geworden und wurde beendet.</translation>
    </message>
</context>
</TS>
