package mgc.compiler.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The files the commands write ({@code train --save}, {@code compile -o}, {@code predict -o}, {@code bench
 * --markdown}): their directories are made before any work, as {@code --plot} makes its own, so that a long run
 * never ends in "no such file"; a directory that cannot be made is a usage error that says why.
 */
final class OutputFiles {
    private OutputFiles() {}

    static void createDirectoryOf(CommandLine cl, Path file, String flag) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || Files.isDirectory(dir)) return;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            String why = e instanceof FileAlreadyExistsException f ? f.getFile() + " is a file, not a directory"
                    : e instanceof AccessDeniedException a ? "permission denied: " + a.getFile()
                    : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : String.valueOf(e.getMessage());
            throw new CommandLine.ParameterException(cl, flag + " " + file + ": cannot create the directory " + dir + ": " + why);
        }
    }
}
