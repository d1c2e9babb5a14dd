package dev.kling4j.cli;

import dev.kling4j.core.catalog.Category;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The four generation commands: each only lists its flag groups, its categories and its default model. */
final class GenerateCommands {
    private GenerateCommands() {}

    @Command(
            name = "generate",
            sortOptions = false,
            description = {
                "Image-to-video (with --image) or text-to-video (without).",
                "Default model: kling_o3_pro_i2v when --image is given, else kling_o3_pro_t2v."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  kling generate --prompt \"A red fox runs through fresh snow\" --duration 5",
                "  kling generate --image walk.png --duration 10 --audio \\",
                "      --prompt \"she walks to the door\"",
                "  kling generate --shot \"duration=4:the fox stops\" --shot \"duration=6:it jumps\""
            })
    static final class Generate extends GenerationCommand {
        @Mixin
        InputFlags.Prompt prompt;

        @Mixin
        InputFlags.Shots shots;

        @Mixin
        InputFlags.Frames frames;

        @Mixin
        InputFlags.Duration duration;

        @Mixin
        InputFlags.Audio audio;

        @Mixin
        InputFlags.AspectRatio aspect;

        @Mixin
        InputFlags.ShotType shotType;

        Generate(CliContext ctx) {
            super(ctx);
        }

        @Override
        List<InputFlags.WireFlags> flags() {
            return List.of(prompt, shots, frames, duration, audio, aspect, shotType);
        }

        @Override
        Set<Category> categories() {
            return Set.of(Category.IMAGE_TO_VIDEO, Category.TEXT_TO_VIDEO);
        }

        @Override
        String defaultModel(Map<String, Object> wire) {
            return wire.containsKey("image_url") ? "kling_o3_pro_i2v" : "kling_o3_pro_t2v";
        }
    }

    @Command(
            name = "generate-ref",
            sortOptions = false,
            description = {
                "Reference-to-video: characters and objects (elements), reference images, optional start/end frames.",
                "Default model: kling_o3_pro_ref."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  kling generate-ref --element-front a.png b.png --ref-image bg.png --duration 8 \\",
                "      --prompt \"@Element1 and @Element2 talk by @Image1\"",
                "  kling generate-ref --element \"front=a.png,ref=a-side.png,voice=VOICE_ID\" --prompt \"@Element1 sings\""
            })
    static final class GenerateRef extends GenerationCommand {
        @Mixin
        InputFlags.Prompt prompt;

        @Mixin
        InputFlags.Shots shots;

        @Mixin
        InputFlags.Frames frames;

        @Mixin
        InputFlags.References references;

        @Mixin
        InputFlags.Duration duration;

        @Mixin
        InputFlags.Audio audio;

        @Mixin
        InputFlags.AspectRatio aspect;

        @Mixin
        InputFlags.ShotType shotType;

        GenerateRef(CliContext ctx) {
            super(ctx);
        }

        @Override
        List<InputFlags.WireFlags> flags() {
            return List.of(prompt, shots, frames, references, duration, audio, aspect, shotType);
        }

        @Override
        Set<Category> categories() {
            return Set.of(Category.REFERENCE_TO_VIDEO);
        }

        @Override
        String defaultModel(Map<String, Object> wire) {
            return "kling_o3_pro_ref";
        }
    }

    @Command(
            name = "edit",
            sortOptions = false,
            description = {
                "Video-to-video edit: change a video's content, keeping its motion.",
                "Default model: kling_o3_pro_edit."
            },
            footerHeading = "%nExample:%n",
            footer = {
                "  kling edit --video v.mp4 --ref-image snow.png --element-front bear.png \\",
                "      --prompt \"Replace the dog with @Element1\""
            })
    static final class Edit extends GenerationCommand {
        @Mixin
        InputFlags.Prompt prompt;

        @Mixin
        InputFlags.Video video;

        @Mixin
        InputFlags.References references;

        @Mixin
        InputFlags.VideoShotType shotType;

        Edit(CliContext ctx) {
            super(ctx);
        }

        @Override
        List<InputFlags.WireFlags> flags() {
            return List.of(prompt, video, references, shotType);
        }

        @Override
        Set<Category> categories() {
            return Set.of(Category.VIDEO_TO_VIDEO_EDIT);
        }

        @Override
        String defaultModel(Map<String, Object> wire) {
            return "kling_o3_pro_edit";
        }
    }

    @Command(
            name = "reference",
            sortOptions = false,
            description = {
                "Video-to-video reference: a new video in the motion or style of a source video.",
                "Default model: kling_o3_pro_v2v_ref."
            },
            footerHeading = "%nExample:%n",
            footer = {
                "  kling reference --video v.mp4 --ref-image watercolor.png --element-front dancer.png \\",
                "      --prompt \"@Element1 dances like @Video1\""
            })
    static final class Reference extends GenerationCommand {
        @Mixin
        InputFlags.Prompt prompt;

        @Mixin
        InputFlags.Video video;

        @Mixin
        InputFlags.References references;

        @Mixin
        InputFlags.Duration duration;

        @Mixin
        InputFlags.VideoAspectRatio aspect;

        @Mixin
        InputFlags.VideoShotType shotType;

        Reference(CliContext ctx) {
            super(ctx);
        }

        @Override
        List<InputFlags.WireFlags> flags() {
            return List.of(prompt, video, references, duration, aspect, shotType);
        }

        @Override
        Set<Category> categories() {
            return Set.of(Category.VIDEO_TO_VIDEO_REFERENCE);
        }

        @Override
        String defaultModel(Map<String, Object> wire) {
            return "kling_o3_pro_v2v_ref";
        }
    }
}
